package io.flashsale.inventory.dashboard.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.flashsale.inventory.dashboard.event.DashboardFrame;
import io.flashsale.inventory.dashboard.service.DashboardFeed;
import io.smallrye.mutiny.Multi;

/**
 * The reconciliation dashboard: the page, and the stream of figures it draws. Both live under
 * {@code /dashboard}, which the operations Ingress routes here, and where no sale id can collide with
 * them (as {@code /api/reconciliation/stream} would with a sale called "stream").
 */
@Path("/dashboard")
public class DashboardResource {

    private static final String PAGE = page("dashboard/index.html");

    private final DashboardFeed feed;

    public DashboardResource(DashboardFeed feed) {
        this.feed = feed;
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
    public Multi<DashboardFrame> stream() {
        return feed.subscribe();
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
