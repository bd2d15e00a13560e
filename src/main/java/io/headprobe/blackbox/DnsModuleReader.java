package io.headprobe.blackbox;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.re2j.Pattern;

import io.headprobe.blackbox.dns.DnsModule;
import io.headprobe.blackbox.dns.RrValidator;
import io.netty.handler.codec.dns.DnsRecordType;

/**
 * One {@code prober: dns} module of blackbox.yml as a {@link DnsModule}, with blackbox's defaults.
 * What blackbox only finds wrong when probing (a transport other than udp or tcp, an unknown
 * rcode) stops start-up here, as any key HeadProbe does not honour unless it is left empty.
 */
final class DnsModuleReader {

    private static final Set<String> MODULE_KEYS = Set.of("prober", "timeout", "http", "tcp", "icmp", "dns", "grpc");
    private static final Set<String> DNS_KEYS = Set.of("preferred_ip_protocol", "ip_protocol_fallback", "transport_protocol",
            "query_class", "query_name", "query_type", "recursion_desired", "valid_rcodes", "validate_answer_rrs",
            "validate_authority_rrs", "validate_additional_rrs", "dns_over_tls", "tls_config", "source_ip_address");
    private static final Set<String> VALIDATOR_KEYS = Set.of("fail_if_matches_regexp", "fail_if_all_match_regexp",
            "fail_if_not_matches_regexp", "fail_if_none_matches_regexp");
    /** Keys blackbox has that HeadProbe does not honour, with the reason given. */
    private static final Set<String> TLS_KEYS = Set.of("insecure_skip_verify", "server_name", "ca_file");
    private static final Map<String, String> UNSUPPORTED = TcpModuleReader.unsupportedTls("dns", Map.of());
    /** miekg/dns's classes by name (StringToClass). */
    private static final Map<String, Integer> CLASSES = Map.of("IN", 1, "CS", 2, "CH", 3, "HS", 4, "NONE", 254, "ANY", 255);
    /** miekg/dns's response codes by name (StringToRcode). */
    private static final Map<String, Integer> RCODES = Map.ofEntries(Map.entry("NOERROR", 0), Map.entry("FORMERR", 1),
            Map.entry("SERVFAIL", 2), Map.entry("NXDOMAIN", 3), Map.entry("NOTIMP", 4), Map.entry("REFUSED", 5),
            Map.entry("YXDOMAIN", 6), Map.entry("YXRRSET", 7), Map.entry("NXRRSET", 8), Map.entry("NOTAUTH", 9),
            Map.entry("NOTZONE", 10), Map.entry("BADSIG", 16), Map.entry("BADVERS", 16), Map.entry("BADKEY", 17),
            Map.entry("BADTIME", 18), Map.entry("BADMODE", 19), Map.entry("BADNAME", 20), Map.entry("BADALG", 21),
            Map.entry("BADTRUNC", 22), Map.entry("BADCOOKIE", 23));

    private DnsModuleReader() {
    }

    static DnsModule read(String name, Map<String, Object> module) {
        TcpModuleReader.checkKeys(name, "", module, MODULE_KEYS, UNSUPPORTED);
        Map<String, Object> dns = YamlValues.map(name, "dns", module.get("dns"));
        TcpModuleReader.checkKeys(name, "dns.", dns, DNS_KEYS, UNSUPPORTED);
        Map<String, Object> tls = YamlValues.map(name, "dns.tls_config", dns.get("tls_config"));
        TcpModuleReader.checkKeys(name, "dns.tls_config.", tls, TLS_KEYS, UNSUPPORTED);
        boolean overTls = YamlValues.bool(name, "dns.dns_over_tls", dns.get("dns_over_tls"), false);
        String queryName = YamlValues.string(name, "dns.query_name", dns.get("query_name"));
        if (queryName == null || queryName.isEmpty()) {
            throw BlackboxConfigException.invalid(name, "dns.query_name", "query name must be set for DNS module");
        }
        String transport = YamlValues.string(name, "dns.transport_protocol", dns.get("transport_protocol"));
        if (transport != null && !transport.isEmpty() && !transport.equals("udp") && !transport.equals("tcp")) {
            throw BlackboxConfigException.invalid(name, "dns.transport_protocol", "\"" + transport + "\" is neither udp nor tcp");
        }
        if (overTls && !"tcp".equals(transport)) {
            // blackbox fails every probe of such a module ("Expected transport protocol tcp for DoT").
            throw BlackboxConfigException.invalid(name, "dns.dns_over_tls", "DNS over TLS needs transport_protocol: tcp");
        }
        String serverName = YamlValues.string(name, "dns.tls_config.server_name", tls.get("server_name"));
        return new DnsModule(name,
                HttpModuleReader.timeout(name, module.get("timeout")),
                TcpModuleReader.ipProtocol(name, "dns.preferred_ip_protocol", dns.get("preferred_ip_protocol")),
                YamlValues.bool(name, "dns.ip_protocol_fallback", dns.get("ip_protocol_fallback"), true),
                queryName,
                queryType(name, YamlValues.string(name, "dns.query_type", dns.get("query_type"))),
                queryClass(name, YamlValues.string(name, "dns.query_class", dns.get("query_class"))),
                "tcp".equals(transport),
                YamlValues.bool(name, "dns.recursion_desired", dns.get("recursion_desired"), true),
                rcodes(name, dns.get("valid_rcodes")),
                validator(name, "dns.validate_answer_rrs", dns.get("validate_answer_rrs")),
                validator(name, "dns.validate_authority_rrs", dns.get("validate_authority_rrs")),
                validator(name, "dns.validate_additional_rrs", dns.get("validate_additional_rrs")),
                overTls,
                YamlValues.bool(name, "dns.tls_config.insecure_skip_verify", tls.get("insecure_skip_verify"), false),
                serverName == null || serverName.isEmpty() ? null : serverName,
                TcpModuleReader.caFile(name, "dns.tls_config.ca_file", tls.get("ca_file")),
                TcpModuleReader.sourceIpAddress(name, "dns.source_ip_address", dns.get("source_ip_address")));
    }

    private static int queryType(String name, String type) {
        if (type == null || type.isEmpty()) {
            return DnsRecordType.ANY.intValue(); // blackbox's default
        }
        try {
            return DnsRecordType.valueOf(type).intValue();
        } catch (IllegalArgumentException e) {
            throw BlackboxConfigException.invalid(name, "dns.query_type", "query type '" + type + "' is not valid");
        }
    }

    private static int queryClass(String name, String dnsClass) {
        if (dnsClass == null || dnsClass.isEmpty()) {
            return 1; // IN
        }
        Integer value = CLASSES.get(dnsClass);
        if (value == null) {
            throw BlackboxConfigException.invalid(name, "dns.query_class", "query class '" + dnsClass + "' is not valid");
        }
        return value;
    }

    /** blackbox's default is NOERROR alone; an empty list passes nothing (Go tells nil from empty). */
    private static Set<Integer> rcodes(String name, Object value) {
        if (value == null) {
            return Set.of(0);
        }
        Set<Integer> codes = new LinkedHashSet<>();
        List<?> list = YamlValues.list(name, "dns.valid_rcodes", value);
        for (int i = 0; i < list.size(); i++) {
            String code = YamlValues.string(name, "dns.valid_rcodes[" + i + "]", list.get(i));
            Integer number = RCODES.get(code);
            if (number == null) {
                throw BlackboxConfigException.invalid(name, "dns.valid_rcodes[" + i + "]", "\"" + code + "\" is not an rcode ("
                        + String.join(", ", RCODES.keySet().stream().sorted().toList()) + ")");
            }
            codes.add(number);
        }
        return codes;
    }

    private static RrValidator validator(String name, String key, Object value) {
        Map<String, Object> map = YamlValues.map(name, key, value);
        for (String k : map.keySet()) {
            if (!VALIDATOR_KEYS.contains(k)) {
                throw BlackboxConfigException.unknown(name, key + "." + k);
            }
        }
        return new RrValidator(regexps(name, key + ".fail_if_matches_regexp", map.get("fail_if_matches_regexp")),
                regexps(name, key + ".fail_if_all_match_regexp", map.get("fail_if_all_match_regexp")),
                regexps(name, key + ".fail_if_not_matches_regexp", map.get("fail_if_not_matches_regexp")),
                regexps(name, key + ".fail_if_none_matches_regexp", map.get("fail_if_none_matches_regexp")));
    }

    private static List<Pattern> regexps(String name, String key, Object value) {
        List<Pattern> patterns = new ArrayList<>();
        List<?> list = YamlValues.list(name, key, value);
        for (int i = 0; i < list.size(); i++) {
            String regexp = YamlValues.string(name, key + "[" + i + "]", list.get(i));
            // An empty regexp matches every record in Go; regexp() reads it as none.
            patterns.add(regexp == null || regexp.isEmpty() ? Pattern.compile("")
                    : TcpModuleReader.regexp(name, key + "[" + i + "]", regexp));
        }
        return patterns;
    }
}
