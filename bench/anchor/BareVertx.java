import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * The near-limit reference: a bare Vert.x HTTP server answering every request with the body of
 * /hello/x, at once or after DELAY_MS on a Vert.x timer (HeadProbe's /hello waits the same way),
 * one server instance per event loop.
 * Usage: java -cp 'target/quarkus-app/lib/main/*' bench/anchor/BareVertx.java PORT [DELAY_MS]
 */
public class BareVertx {
    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        long delay = args.length > 1 ? Long.parseLong(args[1]) : 0;
        int loops = VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;
        Vertx vertx = Vertx.vertx();
        for (int i = 0; i < loops; i++) {
            vertx.createHttpServer(new io.vertx.core.http.HttpServerOptions().setAcceptBacklog(16384))
                    .requestHandler(request -> {
                        Runnable answer = () -> request.response()
                                .putHeader("Content-Type", "text/html;charset=UTF-8")
                                .end("<h1>hello, x!</h1>");
                        if (delay > 0) {
                            vertx.setTimer(delay, id -> answer.run());
                        } else {
                            answer.run();
                        }
                    })
                    .listen(port, "127.0.0.1");
        }
    }
}
