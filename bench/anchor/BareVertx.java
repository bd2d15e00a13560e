import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * The near-limit reference: a bare Vert.x HTTP server answering every request at once with the
 * body of /hello/x, one verticle instance per event loop.
 * Usage: java -cp 'target/quarkus-app/lib/main/*' bench/anchor/BareVertx.java PORT
 */
public class BareVertx {
    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        int loops = VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;
        Vertx vertx = Vertx.vertx();
        for (int i = 0; i < loops; i++) {
            vertx.createHttpServer()
                    .requestHandler(request -> request.response()
                            .putHeader("Content-Type", "text/html;charset=UTF-8")
                            .end("<h1>hello, x!</h1>"))
                    .listen(port, "127.0.0.1");
        }
    }
}
