package io.headprobe.blackbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rewrites a distinguished name from the JDK's RFC 2253 text (X500Principal.getName(RFC2253), what
 * HeadProbe reports) into Go's pkix.Name.String(), what blackbox puts into the subject and issuer
 * labels of probe_ssl_last_chain_info, so that the same certificate gives the same label value.
 *
 * <p>Go does not just print the RDN sequence. It first sorts the attributes it knows into fields
 * and prints them in a fixed order (SERIALNUMBER, CN, OU, O, POSTALCODE, STREET, L, ST, C),
 * several values of one type as one multi-valued RDN ("OU=b+OU=a", certificate order), keeping
 * only the last CN and serialNumber. Every other attribute (emailAddress, DC, UID, ...) follows,
 * last first, as {@code OID=#hex} of the value re-encoded by Go's asn1.Marshal (PrintableString
 * when it can, else UTF8String), whatever string type the certificate used. Checked against the
 * Debian exporter (0.23.0, go1.19) on a certificate with all of these; see the test.
 */
final class GoDistinguishedName {

    private static final String CN = "2.5.4.3";
    private static final String SERIAL_NUMBER = "2.5.4.5";
    private static final String COUNTRY = "2.5.4.6";
    private static final String LOCALITY = "2.5.4.7";
    private static final String PROVINCE = "2.5.4.8";
    private static final String STREET = "2.5.4.9";
    private static final String ORGANIZATION = "2.5.4.10";
    private static final String ORGANIZATIONAL_UNIT = "2.5.4.11";
    private static final String POSTAL_CODE = "2.5.4.17";

    /** The keywords the JDK writes in RFC 2253 form, plus a few other spellings of the same OIDs. */
    private static final Map<String, String> KEYWORDS = Map.ofEntries(Map.entry("CN", CN), Map.entry("C", COUNTRY),
            Map.entry("L", LOCALITY), Map.entry("ST", PROVINCE), Map.entry("STREET", STREET),
            Map.entry("O", ORGANIZATION), Map.entry("OU", ORGANIZATIONAL_UNIT),
            Map.entry("DC", "0.9.2342.19200300.100.1.25"), Map.entry("UID", "0.9.2342.19200300.100.1.1"),
            Map.entry("SERIALNUMBER", SERIAL_NUMBER), Map.entry("POSTALCODE", POSTAL_CODE),
            Map.entry("EMAILADDRESS", "1.2.840.113549.1.9.1"));

    /** Go's order of printing once reversed: its ToRDNSequence builds C first and SERIALNUMBER last. */
    private static final Map<String, String> GO_NAMES = goNames();

    private GoDistinguishedName() {
    }

    private static Map<String, String> goNames() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put(COUNTRY, "C");
        names.put(PROVINCE, "ST");
        names.put(LOCALITY, "L");
        names.put(STREET, "STREET");
        names.put(POSTAL_CODE, "POSTALCODE");
        names.put(ORGANIZATION, "O");
        names.put(ORGANIZATIONAL_UNIT, "OU");
        names.put(CN, "CN");
        names.put(SERIAL_NUMBER, "SERIALNUMBER");
        return names;
    }

    private record Attribute(String oid, String value) {
    }

    /** Go's spelling of an RFC 2253 name; the input unchanged when it cannot be read. */
    static String of(String rfc2253) {
        if (rfc2253 == null) {
            return "";
        }
        try {
            return goString(parse(rfc2253));
        } catch (RuntimeException e) {
            return rfc2253;
        }
    }

    private static String goString(List<Attribute> inCertificateOrder) {
        Map<String, List<String>> known = new LinkedHashMap<>();
        GO_NAMES.keySet().forEach(oid -> known.put(oid, new ArrayList<>()));
        List<List<String>> sequence = new ArrayList<>();
        for (Attribute attribute : inCertificateOrder) {
            List<String> values = known.get(attribute.oid());
            if (values == null) {
                sequence.add(List.of(attribute.oid() + "=#" + HexFormat.of().formatHex(marshal(attribute.value()))));
            } else if (attribute.oid().equals(CN) || attribute.oid().equals(SERIAL_NUMBER)) {
                values.clear(); // a single string field in Go's Name: the last one wins
                values.add(attribute.value());
            } else {
                values.add(attribute.value());
            }
        }
        known.forEach((oid, values) -> {
            if (!values.isEmpty()) {
                sequence.add(values.stream().map(value -> GO_NAMES.get(oid) + "=" + escape(value)).toList());
            }
        });
        StringBuilder out = new StringBuilder();
        for (int i = sequence.size() - 1; i >= 0; i--) {
            out.append(String.join("+", sequence.get(i)));
            if (i > 0) {
                out.append(',');
            }
        }
        return out.toString();
    }

    /** Go's escaping: ,+"\<>; anywhere, a space first or last, # first. Nothing else. */
    private static String escape(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean escape = switch (c) {
                case ',', '+', '"', '\\', '<', '>', ';' -> true;
                case ' ' -> i == 0 || i == value.length() - 1;
                case '#' -> i == 0;
                default -> false;
            };
            if (escape) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** asn1.Marshal of a Go string: PrintableString if every character allows it, else UTF8String. */
    private static byte[] marshal(String value) {
        boolean printable = value.chars().allMatch(GoDistinguishedName::isPrintable);
        byte[] content = value.getBytes(printable ? StandardCharsets.US_ASCII : StandardCharsets.UTF_8);
        ByteArrayOutputStream der = new ByteArrayOutputStream();
        der.write(printable ? 0x13 : 0x0c);
        if (content.length < 0x80) {
            der.write(content.length);
        } else {
            int bytes = content.length < 0x100 ? 1 : content.length < 0x10000 ? 2 : 3;
            der.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                der.write(content.length >>> (8 * i) & 0xff);
            }
        }
        der.writeBytes(content);
        return der.toByteArray();
    }

    private static boolean isPrintable(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || " '()+,-./:=?".indexOf(c) >= 0;
    }

    /** The attributes of an RFC 2253 string in certificate order (RFC 2253 writes the last RDN first). */
    private static List<Attribute> parse(String text) {
        List<List<Attribute>> rdns = new ArrayList<>();
        List<Attribute> rdn = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int equals = text.indexOf('=', i);
            if (equals < 0) {
                throw new IllegalArgumentException("no '=' after " + i);
            }
            String oid = oid(text.substring(i, equals).trim());
            i = equals + 1;
            ByteArrayOutputStream value = new ByteArrayOutputStream();
            boolean hex = i < text.length() && text.charAt(i) == '#';
            if (hex) {
                i++;
            }
            while (i < text.length() && text.charAt(i) != ',' && text.charAt(i) != '+') {
                char c = text.charAt(i);
                if (hex) {
                    value.write(c);
                    i++;
                } else if (c == '\\') {
                    char next = text.charAt(i + 1);
                    if (isHexDigit(next) && i + 2 < text.length() && isHexDigit(text.charAt(i + 2))) {
                        value.write(HexFormat.fromHexDigits(text, i + 1, i + 3));
                        i += 3;
                    } else {
                        value.writeBytes(String.valueOf(next).getBytes(StandardCharsets.UTF_8));
                        i += 2;
                    }
                } else {
                    int codePoint = text.codePointAt(i);
                    value.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                    i += Character.charCount(codePoint);
                }
            }
            String raw = value.toString(StandardCharsets.UTF_8);
            rdn.add(new Attribute(oid, hex ? DerString.decode(HexFormat.of().parseHex(raw)) : raw));
            if (i >= text.length() || text.charAt(i) == ',') {
                rdns.add(rdn);
                rdn = new ArrayList<>();
            }
            i++;
        }
        List<Attribute> inCertificateOrder = new ArrayList<>();
        for (int r = rdns.size() - 1; r >= 0; r--) {
            inCertificateOrder.addAll(rdns.get(r));
        }
        return inCertificateOrder;
    }

    private static String oid(String type) {
        String upper = type.toUpperCase(Locale.ROOT);
        if (upper.startsWith("OID.")) {
            return type.substring(4);
        }
        String oid = KEYWORDS.get(upper);
        if (oid != null) {
            return oid;
        }
        if (!type.matches("\\d+(\\.\\d+)*")) {
            throw new IllegalArgumentException("unknown attribute type " + type);
        }
        return type;
    }

    private static boolean isHexDigit(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
