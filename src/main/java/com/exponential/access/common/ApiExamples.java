package com.exponential.access.common;

/** Example documents shown in the OpenAPI description (and Swagger UI) of the /api/v1 operations. */
public final class ApiExamples {

    private ApiExamples() {
    }

    public static final String NEW_ACTION = """
            {"title": "Send the pricing deck to Dana", "description": "Dana asked for the enterprise tier.",
             "sourceUrl": "https://example.com/deal/42", "dueDate": "2030-07-01"}""";

    public static final String ACTION = """
            {"id": "0b5e8f0e-8a55-4d0c-9a43-3f2f0f7f2a11", "workspaceId": "5d1c3b7e-2f4a-4c65-8d7e-1b2a3c4d5e6f",
             "title": "Send the pricing deck to Dana", "description": "Dana asked for the enterprise tier.",
             "sourceUrl": "https://example.com/deal/42", "dueDate": "2030-07-01", "status": "OPEN", "source": "EXTENSION",
             "createdBy": "9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d", "meetingId": null,
             "createdAt": "2030-06-20T09:15:00Z", "updatedAt": "2030-06-20T09:15:00Z", "completedAt": null}""";

    public static final String ACTION_LIST = "{\"items\": [" + ACTION + "], \"next\": \"MTc4MTk0NjkwMDAwMDAwMDowYjVlOGYwZQ\"}";

    public static final String WORKSPACE_LIST = """
            {"items": [{"id": "5d1c3b7e-2f4a-4c65-8d7e-1b2a3c4d5e6f", "name": "Ada's workspace", "role": "OWNER"}], "next": null}""";

    public static final String INVALID_FIELDS = """
            {"type": "about:blank", "title": "Bad Request", "status": 400,
             "detail": "Invalid fields: title is required; dueDate must be a date as YYYY-MM-DD.",
             "instance": "/api/v1/workspaces/5d1c3b7e-2f4a-4c65-8d7e-1b2a3c4d5e6f/actions",
             "errors": [{"field": "title", "message": "is required"}, {"field": "dueDate", "message": "must be a date as YYYY-MM-DD"}]}""";

    public static final String BAD_STATUS = """
            {"type": "about:blank", "title": "Bad Request", "status": 400, "detail": "Invalid fields: status must be OPEN or DONE.",
             "instance": "/api/v1/workspaces/5d1c3b7e-2f4a-4c65-8d7e-1b2a3c4d5e6f/actions",
             "errors": [{"field": "status", "message": "must be OPEN or DONE"}]}""";

    public static final String WORKSPACE_NOT_FOUND = """
            {"type": "about:blank", "title": "Not Found", "status": 404,
             "detail": "Workspace 5d1c3b7e-2f4a-4c65-8d7e-1b2a3c4d5e6f was not found.",
             "instance": "/api/v1/workspaces/5d1c3b7e-2f4a-4c65-8d7e-1b2a3c4d5e6f/actions"}""";

    public static final String UNAUTHORIZED = """
            {"type": "about:blank", "title": "Unauthorized", "status": 401, "detail": "The token has expired.",
             "instance": "/api/v1/workspaces"}""";

    public static final String TOO_MANY_REQUESTS = """
            {"type": "about:blank", "title": "Too Many Requests", "status": 429,
             "detail": "This token made more than 5000 requests in the current window; the limit resets in 1234 seconds.",
             "instance": "/api/v1/workspaces"}""";

    public static final String UNSUPPORTED_MEDIA_TYPE = """
            {"type": "about:blank", "title": "Unsupported Media Type", "status": 415,
             "detail": "Unsupported content type: send application/json.",
             "instance": "/api/v1/workspaces/5d1c3b7e-2f4a-4c65-8d7e-1b2a3c4d5e6f/actions"}""";
}
