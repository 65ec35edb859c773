package io.kubelite.replication.certificates;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A CSR's {@code spec.usages} as the certificate's keyUsage bits and extendedKeyUsage purposes,
 * by kube's table. Example: {@code ["digital signature", "key encipherment", "client auth"]} →
 * keyUsage digitalSignature|keyEncipherment, extendedKeyUsage clientAuth. Extended purposes come
 * in Go's order (any, serverAuth, clientAuth, codeSigning, …) whatever the order asked, each once.
 *
 * @param keyUsage    the keyUsage bits ({@link KeyUsage} constants); 0 for none
 * @param extended    the extendedKeyUsage purposes; empty for none
 */
record KeyUsages(int keyUsage, List<KeyPurposeId> extended) {

    private static final Map<String, Integer> KEY_USAGE = Map.ofEntries(
            Map.entry("signing", KeyUsage.digitalSignature),
            Map.entry("digital signature", KeyUsage.digitalSignature),
            Map.entry("content commitment", KeyUsage.nonRepudiation),
            Map.entry("key encipherment", KeyUsage.keyEncipherment),
            Map.entry("key agreement", KeyUsage.keyAgreement),
            Map.entry("data encipherment", KeyUsage.dataEncipherment),
            Map.entry("cert sign", KeyUsage.keyCertSign),
            Map.entry("crl sign", KeyUsage.cRLSign),
            Map.entry("encipher only", KeyUsage.encipherOnly),
            Map.entry("decipher only", KeyUsage.decipherOnly));

    /** In Go's x509.ExtKeyUsage order, which the certificate lists them in. */
    private static final List<KeyPurposeId> EXTENDED_ORDER = List.of(KeyPurposeId.anyExtendedKeyUsage,
            KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_codeSigning,
            KeyPurposeId.id_kp_emailProtection, KeyPurposeId.id_kp_ipsecEndSystem, KeyPurposeId.id_kp_ipsecTunnel,
            KeyPurposeId.id_kp_ipsecUser, KeyPurposeId.id_kp_timeStamping, KeyPurposeId.id_kp_OCSPSigning,
            KeyPurposeId.id_kp_msSGC, KeyPurposeId.id_kp_nsSGC);

    private static final Map<String, KeyPurposeId> EXTENDED = Map.ofEntries(
            Map.entry("any", KeyPurposeId.anyExtendedKeyUsage),
            Map.entry("server auth", KeyPurposeId.id_kp_serverAuth),
            Map.entry("client auth", KeyPurposeId.id_kp_clientAuth),
            Map.entry("code signing", KeyPurposeId.id_kp_codeSigning),
            Map.entry("email protection", KeyPurposeId.id_kp_emailProtection),
            Map.entry("s/mime", KeyPurposeId.id_kp_emailProtection),
            Map.entry("ipsec end system", KeyPurposeId.id_kp_ipsecEndSystem),
            Map.entry("ipsec tunnel", KeyPurposeId.id_kp_ipsecTunnel),
            Map.entry("ipsec user", KeyPurposeId.id_kp_ipsecUser),
            Map.entry("timestamping", KeyPurposeId.id_kp_timeStamping),
            Map.entry("ocsp signing", KeyPurposeId.id_kp_OCSPSigning),
            Map.entry("microsoft sgc", KeyPurposeId.id_kp_msSGC),
            Map.entry("netscape sgc", KeyPurposeId.id_kp_nsSGC));

    /** @throws IllegalArgumentException naming every usage that is in neither table, as kube words it */
    static KeyUsages of(List<String> usages) {
        int bits = 0;
        TreeSet<Integer> extended = new TreeSet<>();
        List<String> unrecognized = new ArrayList<>();
        for (String usage : usages == null ? List.<String>of() : usages) {
            Integer bit = KEY_USAGE.get(usage);
            KeyPurposeId purpose = EXTENDED.get(usage);
            if (bit != null) {
                bits |= bit;
            } else if (purpose != null) {
                extended.add(EXTENDED_ORDER.indexOf(purpose));
            } else {
                unrecognized.add(usage);
            }
        }
        if (!unrecognized.isEmpty()) {
            throw new IllegalArgumentException("unrecognized usage values: "
                    + unrecognized.stream().map(u -> "\"" + u + "\"").collect(Collectors.joining(" ", "[", "]")));
        }
        return new KeyUsages(bits, extended.stream().map(EXTENDED_ORDER::get).toList());
    }
}
