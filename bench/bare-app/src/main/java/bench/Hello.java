package bench;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** The one endpoint of the reference application. */
@Path("/hello")
public class Hello {

    @GET
    public String hello() {
        return "hello";
    }
}
