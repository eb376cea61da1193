package io.flashsale.inventory.dashboard.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.flashsale.contract.Roles;
import io.flashsale.contract.problem.Problem;
import io.flashsale.inventory.dashboard.service.DashboardFrame;
import io.flashsale.inventory.dashboard.service.DashboardFeed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;

/**
 * The reconciliation dashboard: the page, the stream of figures it draws, and who is looking. Both live
 * under {@code /dashboard}, which the operations Ingress routes here, and where no sale id can collide
 * with them (as {@code /api/reconciliation/stream} would with a sale called "stream"). Everything here
 * is the OIDC tenant "dashboard": a browser is sent to the provider's login page and comes back with a
 * session; a program may send a bearer token. Viewing needs flashsale-ops or flashsale-admin.
 */
@Path("/dashboard")
@RolesAllowed({Roles.OPS, Roles.ADMIN})
public class DashboardResource {

    private static final String PAGE = page("dashboard/index.html");

    private final DashboardFeed feed;
    private final SecurityIdentity identity;

    public DashboardResource(DashboardFeed feed, SecurityIdentity identity) {
        this.feed = feed;
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response page() {
        return Response.ok(PAGE).header(HttpHeaders.CACHE_CONTROL, "no-cache").build();
    }

    /**
     * Server-sent events, one per {@code flashsale.dashboard.interval}: every sale with its live figures
     * and newest run; the first event also carries each sale's history.
     */
    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Live figures of every sale, as server-sent events")
    @APIResponse(responseCode = "200", description = "The event stream")
    @APIResponse(responseCode = "401", description = "invalid-token (a bearer token that did not verify); a browser "
            + "without a session is sent to the login page instead", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "forbidden: neither flashsale-ops nor flashsale-admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Multi<DashboardFrame> stream() {
        return feed.subscribe();
    }

    /** Who is logged in, and whether the page should offer the admin's buttons. */
    @GET
    @Path("me")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Map<String, Object> me() {
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("name", identity.getPrincipal().getName());
        me.put("admin", identity.hasRole(Roles.ADMIN));
        return me;
    }

    private static String page(String resource) {
        try (InputStream in = DashboardResource.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
