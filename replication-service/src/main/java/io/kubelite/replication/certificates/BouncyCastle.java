package io.kubelite.replication.certificates;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.security.Provider;

/**
 * The one JCA provider the signer's key and request handling goes through, not registered with
 * the JVM: the JDK's own providers find no EC key factory by OID (a request's public key) and
 * cannot read a SEC1 key whose curve is named only inside the key.
 */
final class BouncyCastle {

    static final Provider PROVIDER = new BouncyCastleProvider();

    private BouncyCastle() {
    }
}
