package org.dialoghook.internal.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.dialoghook.internal.auth.VerifiedDelivery;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /webhook} and {@code POST /webhook/{bot}} (the application's path, see {@link WebhookApplication}):
 * hands the delivery that {@link WebhookTokenFilter} verified to the {@link DeliveryOwner} and sends its answer.
 * The methods accept every media type and name none they produce, so that the filter decides 413/415 in the
 * documented order and no {@code Accept} header turns a delivery into a 406. The MicroProfile OpenAPI annotations
 * describe the endpoint where the server serves OpenAPI; elsewhere they are ignored.
 *
 * <p>One instance serves every delivery (CDI makes and injects it once). The delivery comes as the methods'
 * entity, from {@link VerifiedDeliveryReader}: the body is not read a second time, and no per-request object is
 * injected. The entity is declared as {@code Object} so that the OpenAPI description, which names the body's own
 * schema ({@code Delivery}), does not also describe the receiver's internal types.
 */
@Path("")
@VerifiedWebhook
@ApplicationScoped
@Tag(name = "webhook", description = "Deliveries of LogicDialog Function blocks")
@SecurityScheme(securitySchemeName = WebhookResource.SECURITY, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = "A JWT signed with the bot's JWT Secret (HS256 unless configured otherwise)")
@APIResponse(responseCode = "200", description = "The bot's reply: the blocks to show and the attributes to set (also "
        + "the fallback block after a failure or timeout, when one is set)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Reply")))
@APIResponse(responseCode = "400", description = "The body is not JSON, or not a delivery's shape",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
@APIResponse(responseCode = "401", description = "The token is missing or was refused",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
@APIResponse(responseCode = "404", description = "The bot is not configured (or has no secret), or no handler serves "
        + "the handler name for this bot",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
@APIResponse(responseCode = "409", description = "A redelivery whose first run is still going; send it again later",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
@APIResponse(responseCode = "413", description = "The body is larger than dialoghook.max-body-bytes",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
@APIResponse(responseCode = "415", description = "The body is not application/json in UTF-8",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
@APIResponse(responseCode = "500", description = "The handler or the receiver failed; the errorId is in the log",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
@APIResponse(responseCode = "504", description = "The handler did not answer within its deadline and no fallback "
        + "block is set",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
@APIResponse(responseCode = "503", description = "The default bot has no secret yet",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
public class WebhookResource {

    /** The name of the security scheme in the OpenAPI description. */
    static final String SECURITY = "logicdialog-jwt";

    @Inject
    DeliveryOwner owner;

    /**
     * Receives a delivery for the default bot.
     *
     * @param delivery the {@link VerifiedDelivery} the token filter verified and parsed
     * @return the bot's reply
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "deliver", summary = "Receives a delivery for the default bot",
            description = "Verifies the Bearer token with dialoghook.secret and runs the handler the body names.")
    @SecurityRequirement(name = SECURITY)
    public Response deliver(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "Delivery"))) Object delivery) {
        return owner.deliver((VerifiedDelivery) delivery);
    }

    /**
     * Receives a delivery for a named bot.
     *
     * @param bot the bot's name; declared for the OpenAPI description only, the filter has checked it
     * @param delivery the {@link VerifiedDelivery} the token filter verified and parsed
     * @return the bot's reply
     */
    @POST
    @Path("{bot}")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "deliverToBot", summary = "Receives a delivery for a named bot",
            description = "Verifies the Bearer token with dialoghook.bots.{bot}.secret and runs the handler the body "
                    + "names, if it serves this bot.")
    @SecurityRequirement(name = SECURITY)
    public Response deliverToBot(@PathParam("bot") @Parameter(in = ParameterIn.PATH, required = true,
            description = "The bot's name, as configured") String bot, @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "Delivery"))) Object delivery) {
        return owner.deliver((VerifiedDelivery) delivery);
    }

    /** The shape of a delivery body under the default settings, for the OpenAPI description only. */
    @Schema(name = "Delivery", type = SchemaType.OBJECT, description = "A delivery of a Function block; members other "
            + "than the handler name and formValues are conversation parameters",
            properties = {
                @SchemaProperty(name = "handler", type = SchemaType.STRING, description = "The block's handler name "
                        + "(or handlerName, handler-name, handler_name; see dialoghook.handler-field)"),
                @SchemaProperty(name = "formValues", type = SchemaType.OBJECT, description = "The form's answers by "
                        + "question; each a scalar or an object with a value member")
            })
    static final class DeliveryShape {

        private DeliveryShape() {
        }
    }
}
