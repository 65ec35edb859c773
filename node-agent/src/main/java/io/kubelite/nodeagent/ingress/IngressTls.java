package io.kubelite.nodeagent.ingress;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The certificates of the Ingresses' {@code spec.tls} entries, chosen per connection by the name
 * the client asks for (SNI), as an ingress controller serves them: an entry's {@code hosts} match
 * exactly or as {@code *.example.com}; a client that names no host, or one no entry lists, gets
 * the first entry's certificate. Keys are read with Bouncy Castle, so PKCS#8, PKCS#1 (RSA) and SEC1
 * (EC) PEM keys all work, as {@code kubectl create secret tls} takes them.
 */
final class IngressTls extends X509ExtendedKeyManager {

    /** One {@code spec.tls} entry with its Secret's certificate chain and key. */
    record Entry(String alias, List<String> hosts, X509Certificate[] chain, PrivateKey key) {

        boolean serves(String host) {
            String h = host.toLowerCase(Locale.ROOT);
            return hosts.stream().map(x -> x.toLowerCase(Locale.ROOT)).anyMatch(x -> x.equals(h)
                    || x.startsWith("*.") && h.endsWith(x.substring(1)) && h.indexOf('.') == h.length() - x.length() + 1);
        }
    }

    private volatile List<Entry> entries = List.of();

    void update(List<Entry> next) {
        entries = List.copyOf(next);
    }

    List<Entry> entries() {
        return entries;
    }

    /**
     * Reads a Secret's {@code tls.crt} and {@code tls.key} (PEM).
     *
     * @throws IllegalArgumentException saying what is wrong with them
     */
    static Entry entry(String alias, List<String> hosts, String certPem, String keyPem) {
        try {
            List<X509Certificate> chain = new ArrayList<>();
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (var c : factory.generateCertificates(new ByteArrayInputStream(certPem.getBytes(StandardCharsets.US_ASCII)))) {
                chain.add((X509Certificate) c);
            }
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("tls.crt holds no certificate");
            }
            return new Entry(alias, List.copyOf(hosts), chain.toArray(X509Certificate[]::new), key(keyPem));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("tls.crt is not a PEM certificate: " + e.getMessage());
        }
    }

    private static PrivateKey key(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (o instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IllegalArgumentException("tls.key holds no unencrypted private key");
        } catch (IOException e) {
            throw new IllegalArgumentException("tls.key is not a PEM private key: " + e.getMessage());
        }
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return choose(keyType, engine == null ? null : engine.getHandshakeSession());
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return choose(keyType, socket instanceof javax.net.ssl.SSLSocket s ? s.getHandshakeSession() : null);
    }

    private String choose(String keyType, javax.net.ssl.SSLSession session) {
        Optional<String> sni = Optional.empty();
        if (session instanceof ExtendedSSLSession extended) {
            sni = extended.getRequestedServerNames().stream().filter(n -> n.getType() == 0)
                    .map(IngressTls::hostName).findFirst();
        }
        List<Entry> usable = entries.stream().filter(e -> keyType == null || keyType.equals(algorithm(e.key()))).toList();
        String host = sni.orElse(null);
        return usable.stream().filter(e -> host != null && e.serves(host)).findFirst()
                .or(() -> usable.stream().findFirst()).map(Entry::alias).orElse(null);
    }

    private static String hostName(SNIServerName name) {
        return name instanceof SNIHostName host ? host.getAsciiName() : new String(name.getEncoded(), StandardCharsets.US_ASCII);
    }

    /** The key type JSSE asks for: RSA, EC, … (EdDSA keys answer "Ed25519" or "EdDSA"). */
    private static String algorithm(PrivateKey key) {
        String a = key.getAlgorithm();
        return "ECDSA".equals(a) ? "EC" : a;
    }

    private Optional<Entry> find(String alias) {
        return entries.stream().filter(e -> e.alias().equals(alias)).findFirst();
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return find(alias).map(Entry::chain).orElse(null);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return find(alias).map(Entry::key).orElse(null);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return entries.stream().filter(e -> keyType.equals(algorithm(e.key()))).map(Entry::alias).toArray(String[]::new);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return new String[0];
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
