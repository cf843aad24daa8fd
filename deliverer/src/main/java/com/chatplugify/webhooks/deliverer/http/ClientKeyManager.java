package com.chatplugify.webhooks.deliverer.http;

import com.chatplugify.webhooks.common.tls.ClientKeyMaterial;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents one client certificate whenever a server asks for one and its key suits the handshake, as curl and OpenSSL
 * do: whatever certificate authorities the server names, since a server often names an intermediate or none. A
 * server that does not ask gets none.
 */
final class ClientKeyManager extends X509ExtendedKeyManager {

    private static final String ALIAS = "webhook";

    private final ClientKeyMaterial material;

    ClientKeyManager(ClientKeyMaterial material) {
        this.material = material;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return chooseClientAlias(keyTypes, issuers, null);
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        String algorithm = material.privateKey().getAlgorithm();
        for (String keyType : keyTypes) {
            if (keyType.equals(algorithm)) {
                return ALIAS;
            }
        }
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return keyType.equals(material.privateKey().getAlgorithm()) ? new String[] {ALIAS} : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? material.chain().toArray(X509Certificate[]::new) : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? material.privateKey() : null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
