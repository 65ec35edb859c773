package io.kubelite.objectstore.certificates;

import io.kubelite.machinery.validation.FieldError;
import io.kubelite.objectstore.authorization.RbacAuthorizer;
import io.kubelite.objectstore.authorization.RequestAttributes;
import io.kubelite.objectstore.authorization.UserInfo;
import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.rest.Scope;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * kube-apiserver's admission of CertificateSigningRequest writes: the requester recorded on create
 * and {@code CertificateSubjectRestriction} (no {@code system:masters} client certificate by
 * request); on update the rules only an update has, {@code CertificateApproval} (approving or
 * denying needs the {@code approve} verb on {@code signers} named by the request's signer, or by
 * its {@code <domain>/*}) and {@code CertificateSigning} (setting the certificate needs
 * {@code sign} the same way). A refusal is kube's 403
 * {@code certificatesigningrequests.certificates.k8s.io "x" is forbidden: user not permitted to …}.
 */
@Component
public class CertificateAdmission {

    private final RbacAuthorizer authorizer;

    public CertificateAdmission(RbacAuthorizer authorizer) {
        this.authorizer = authorizer;
    }

    /** Before a create is defaulted and validated. */
    public void admitCreate(ObjectNode csr) {
        if (CertificateRequests.requestBytes(csr).isEmpty()) {
            throw ApiException.badRequest("CertificateSigningRequest in version \"v1\" cannot be handled as a "
                    + "CertificateSigningRequest: spec.request: illegal base64 data");
        }
        CertificateRequests.prepareCreate(csr, UserInfo.current());
        String signerName = csr.path("spec").path("signerName").asString("");
        if (signerName.equals(CertificateRequests.KUBE_APISERVER_CLIENT)
                && CertificateRequests.organizations(csr).contains("system:masters")) {
            throw forbidden(csr, "use of " + signerName + " signer with system:masters group is not allowed");
        }
    }

    /** After an update through {@code scope} is admitted: kube's update rules, then who may approve or sign. */
    public void admitUpdate(Scope scope, ObjectNode old, ObjectNode updated) {
        List<FieldError> errors = CertificateRequests.updateErrors(scope, old, updated);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(CertificateRequests.GROUP, "CertificateSigningRequest",
                    updated.path("metadata").path("name").asString(""),
                    errors.stream().map(e -> new ApiException.Cause(e.type().reason(), e.message(), e.field())).toList());
        }
        String signerName = old.path("spec").path("signerName").asString("");
        if (scope == Scope.APPROVAL && !permitted("approve", signerName)) {
            throw forbidden(updated, "user not permitted to approve requests with signerName \"" + signerName + "\"");
        }
        boolean signs = !old.path("status").path("certificate").equals(updated.path("status").path("certificate"));
        if (scope == Scope.STATUS && signs && !permitted("sign", signerName)) {
            throw forbidden(updated, "user not permitted to sign requests with signerName \"" + signerName + "\"");
        }
    }

    /** kube's IsAuthorizedForSignerName: the verb on {@code signers/<signerName>}, else on {@code signers/<domain>/*}. */
    private boolean permitted(String verb, String signerName) {
        UserInfo user = UserInfo.current();
        if (allowed(user, verb, signerName)) {
            return true;
        }
        int slash = signerName.indexOf('/');
        return slash > 0 && allowed(user, verb, signerName.substring(0, slash) + "/*");
    }

    private boolean allowed(UserInfo user, String verb, String name) {
        return authorizer.authorize(user, RequestAttributes.resource(verb, CertificateRequests.GROUP, "signers", "", "", name))
                .allowed();
    }

    private static ApiException forbidden(JsonNode csr, String why) {
        String name = csr.path("metadata").path("name").asString("");
        return new ApiException(403, "Forbidden", CertificateRequests.RESOURCE + "." + CertificateRequests.GROUP + " \""
                + name + "\" is forbidden: " + why, CertificateRequests.GROUP, CertificateRequests.RESOURCE, name, List.of());
    }
}
