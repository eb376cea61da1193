package io.flashsale.contract;

/**
 * The roles the services grant on, as the OpenID provider puts them in a token (Keycloak: realm roles
 * under {@code realm_access.roles}; elsewhere the claim {@code quarkus.oidc.roles.role-claim-path} names).
 * A buyer needs no role: any valid token for the service's audience is a buyer, its subject the buyer id.
 */
public final class Roles {

    /** The sales admin API and the dashboard's pause, resume and end. */
    public static final String ADMIN = "flashsale-admin";

    /** The reconciliation dashboard, its event stream and the reconciliation reports. */
    public static final String OPS = "flashsale-ops";

    /** Order queries: every buyer's orders. */
    public static final String SUPPORT = "flashsale-support";

    private Roles() {
    }
}
