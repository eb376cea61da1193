package io.flashsale.inventory.dashboard.rest;

import java.net.URI;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

/** The service's root leads to the dashboard (which asks who is there). */
@Path("/")
@PermitAll
public class RootResource {

    @GET
    @Operation(hidden = true)
    public Response root() {
        return Response.seeOther(URI.create("/dashboard")).build();
    }
}
