package com.exponential.access.common;

import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.function.Function;
import org.jboss.resteasy.reactive.RestResponse;

/** One page of a newest-first list: the rows to show and, when more follow, the cursor of the next page. */
public record Page<E>(List<E> rows, String next) {

    /** From the limit + 1 rows fetched: the extra row is never shown, it only tells that another page follows. */
    public static <E> Page<E> of(List<E> fetched, int limit, Function<E, PageCursor> position) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        return new Page<>(fetched.subList(0, limit), position.apply(fetched.get(limit - 1)).encode());
    }

    /**
     * 200 with the body, plus a Link rel="next" header to the next page that keeps this request's
     * filters (the named query parameters, already validated) and limit.
     */
    public <B> RestResponse<B> respond(B body, UriInfo request, int limit, String... filters) {
        RestResponse.ResponseBuilder<B> answer = RestResponse.ResponseBuilder.ok(body);
        if (next != null) {
            UriBuilder link = UriBuilder.fromPath(request.getPath());
            for (String filter : filters) {
                String value = request.getQueryParameters().getFirst(filter);
                if (value != null && !value.isEmpty()) {
                    link.queryParam(filter, value);
                }
            }
            answer.link(link.queryParam("limit", limit).queryParam("cursor", next).build(), "next");
        }
        return answer.build();
    }
}
