package com.exponential.access.common;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.logging.Log;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place where exceptions become RFC 9457 problem details; no stack trace ever reaches a client. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response response = respond(new Problem("about:blank", e.title, e.status, e.getMessage(), uri.getPath(), e.errors));
        return e.retryAfterSeconds == null ? response : Response.fromResponse(response).header("Retry-After", e.retryAfterSeconds).build();
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationException e, UriInfo uri) {
        // One short line, never the token: bad tokens arrive in floods and must not flood the log.
        Log.infof("401 on %s: %s", uri.getPath(), e.getMessage());
        String challenge = e.credentialsPresent
                ? "Bearer realm=\"exponential\", error=\"invalid_token\", error_description=\"" + e.getMessage() + "\""
                : "Bearer realm=\"exponential\"";
        return Response.fromResponse(respond(new Problem("about:blank", "Unauthorized", 401, e.getMessage(), uri.getPath(), null)))
                .header("WWW-Authenticate", challenge)
                .build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return respond(new Problem("about:blank", "Bad Request", 400, detail, uri.getPath(), errors));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException m ? pathOf(m) : null;
        String detail;
        if (e instanceof UnrecognizedPropertyException u) {
            field = u.getPropertyName();
            detail = "Unknown field '" + field + "'.";
        } else if (field != null && !field.isEmpty()) {
            detail = "The field '" + field + "' has a value of the wrong type or format.";
        } else if (e instanceof MismatchedInputException) {
            detail = "The request body is JSON of the wrong shape: send a JSON object.";
        } else {
            detail = "The request body is not valid JSON.";
        }
        List<Problem.FieldError> errors = field == null || field.isEmpty() ? null : List.of(new Problem.FieldError(field, detail));
        return respond(new Problem("about:blank", "Bad Request", 400, detail, uri.getPath(), errors));
    }

    // Quarkus REST has built-in mappers for these subtypes (unknown fields, wrong shapes, broken JSON)
    // that answer in another format; ours must name them to take precedence.
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    @ServerExceptionMapper
    public Response unparseable(JsonParseException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json, uri);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        Response.ResponseBuilder answer = Response.fromResponse(respond(
                new Problem("about:blank", title, status, describe(status), uri.getPath(), null)));
        // Keep headers such as Allow (405) and Location that the original answer carried.
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                values.forEach(v -> answer.header(name, v));
            }
        });
        return answer.build();
    }

    /** A body over the HTTP limit, streamed without Content-Length: the platform stops reading it at 1 MiB. */
    @ServerExceptionMapper
    public Response unreadableBody(java.io.IOException e, UriInfo uri) {
        if (String.valueOf(e.getMessage()).contains("too large")) {
            return respond(new Problem("about:blank", "Content Too Large", 413, describe(413), uri.getPath(), null));
        }
        return unexpected(e, uri);
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (DatabaseUnavailable.isCause(e)) {
            return databaseUnavailable(e, uri.getPath());
        }
        Log.errorf(e, "Unexpected error on %s", uri.getPath());
        return respond(new Problem("about:blank", "Internal Server Error", 500,
                "Something went wrong on our side. Nothing you sent was stored unless it was acknowledged.", uri.getPath(), null));
    }

    /**
     * The database is down or out of connections: a passing condition, so 503 with Retry-After (not
     * 500), and one short log line at most every few seconds instead of a stack trace per request.
     */
    static Response databaseUnavailable(Throwable e, String path) {
        DatabaseUnavailable.warn("503 on " + path, e);
        return Response.fromResponse(respond(new Problem("about:blank", "Service Unavailable", 503,
                        "The service cannot reach its database right now. Nothing you sent was stored unless it was acknowledged; try again shortly.",
                        path, null)))
                .header("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS)
                .build();
    }

    public static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String describe(int status) {
        return switch (status) {
            case 404 -> "No such resource.";
            case 405 -> "This method is not allowed here.";
            case 406 -> "No acceptable representation: this API answers application/json.";
            case 415 -> "Unsupported content type: send application/json.";
            case 413 -> "The request body is too large.";
            default -> "The request could not be processed.";
        };
    }

    private static String fieldName(ConstraintViolation<?> violation) {
        // Paths look like "create.request.name": the last node is the field the client sent.
        String path = violation.getPropertyPath().toString();
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static String pathOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
