package io.headprobe.blackbox;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * blackbox.yml text as plain maps, lists and strings. Blackbox (Go's yaml.v3) gives a scalar its
 * type from the field it lands in, so {@code X-Version: 1.10} stays "1.10" and a date-looking
 * header value stays text. SnakeYAML's YAML 1.1 resolver would have made them a Double and a Date;
 * here plain scalars stay strings (only null and merge keys are resolved) and {@link YamlValues}
 * types them where the key says what they are.
 */
final class BlackboxYaml {

    private BlackboxYaml() {
    }

    /** @return null for an empty text */
    static Object load(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false); // yaml.v3 refuses them too
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, new StringsResolver());
        try {
            return yaml.load(text);
        } catch (MarkedYAMLException e) {
            // Where, without SnakeYAML's copy of the line: it may hold a password, and this reaches the log and /-/reload.
            Mark mark = e.getProblemMark();
            throw new BlackboxConfigException("blackbox config is not YAML: " + e.getProblem()
                    + (mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1)));
        } catch (YAMLException e) {
            throw new BlackboxConfigException("blackbox config is not YAML: " + e.getMessage(), e);
        }
    }

    /** Resolves null ("~", "null", empty) and "<<" merge keys; every other plain scalar stays a string. */
    private static final class StringsResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.MERGE, MERGE, "<");
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }
}
