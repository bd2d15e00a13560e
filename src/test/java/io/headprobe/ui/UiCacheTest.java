package io.headprobe.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.not;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Given the page's files, whose names carry no version, when a browser fetches them, then it is
 * told to revalidate each time (no-cache), not to keep them unchanged for a day, and revalidating
 * an unchanged file costs a 304.
 */
@QuarkusTest
class UiCacheTest {

    @Test
    void pageAndAssetsAreRevalidatedNotKeptForADay() {
        for (String path : List.of("/ui/", "/ui/app.js", "/ui/app.css")) {
            String lastModified = given().when().get(path)
                    .then().statusCode(200)
                    .header("Cache-Control", "no-cache")
                    .header("Last-Modified", not(emptyString()))
                    .extract().header("Last-Modified");
            given().header("If-Modified-Since", lastModified).when().get(path)
                    .then().statusCode(304);
        }
    }
}
