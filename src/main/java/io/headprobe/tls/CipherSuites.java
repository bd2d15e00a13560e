package io.headprobe.tls;

import io.headprobe.tls.model.TlsScan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cipher suites a scan offers and names: every two-byte code of the IANA TLS Cipher Suites
 * registry with a name (plus the few pre-standard codes testssl.sh also knows, e.g. the draft
 * ChaCha20 suites), and the seven SSLv2 cipher kinds. Key exchange, strength, forward secrecy and
 * weak classes are read from the IANA name, which spells them out ("TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA").
 */
public final class CipherSuites {

    /** A TLS 1.3 suite, or a TLS 1.2-and-older one, as the registry names it. */
    public record Known(int code, String name, String keyExchange, int bits, boolean forwardSecret, boolean cbc,
            List<String> weak) {

        public boolean tls13() {
            return "any".equals(keyExchange);
        }

        /** The suite as a scan reports it under {@code protocol}: CBC is weak with SSLv3 and TLS 1.0. */
        public TlsScan.Suite reported(String protocol) {
            List<String> classes = new ArrayList<>(weak);
            if (cbc && ("TLSv1".equals(protocol) || "SSLv3".equals(protocol))) {
                classes.add(CBC_TLS10);
            }
            return new TlsScan.Suite(name, code, keyExchange, bits, forwardSecret, List.copyOf(classes));
        }
    }

    public static final String NULL = "NULL";
    public static final String ANONYMOUS = "anonymous";
    public static final String EXPORT = "export";
    public static final String RC4 = "RC4";
    public static final String TRIPLE_DES = "3DES";
    public static final String CBC_TLS10 = "CBC with TLS 1.0";
    public static final String STATIC_RSA = "static RSA";
    /** The weak classes in the order a scan lists them. */
    public static final List<String> WEAK_CLASSES = List.of(NULL, ANONYMOUS, EXPORT, RC4, TRIPLE_DES, CBC_TLS10, STATIC_RSA);

    /** TLS_EMPTY_RENEGOTIATION_INFO_SCSV (RFC 5746): asks for secure renegotiation where no extension may go. */
    public static final int RENEGOTIATION_SCSV = 0x00FF;
    /** TLS_FALLBACK_SCSV (RFC 7507). */
    public static final int FALLBACK_SCSV = 0x5600;

    /** The cipher kinds of SSLv2 (three-byte codes); all of them exchange keys with static RSA. */
    public static final List<Known> SSLV2 = List.of(
            sslv2(0x010080, "SSL_CK_RC4_128_WITH_MD5", 128, RC4),
            sslv2(0x020080, "SSL_CK_RC4_128_EXPORT40_WITH_MD5", 40, EXPORT, RC4),
            sslv2(0x030080, "SSL_CK_RC2_128_CBC_WITH_MD5", 128),
            sslv2(0x040080, "SSL_CK_RC2_128_CBC_EXPORT40_WITH_MD5", 40, EXPORT),
            sslv2(0x050080, "SSL_CK_IDEA_128_CBC_WITH_MD5", 128),
            sslv2(0x060040, "SSL_CK_DES_64_CBC_WITH_MD5", 56),
            sslv2(0x0700C0, "SSL_CK_DES_192_EDE3_CBC_WITH_MD5", 112, TRIPLE_DES));

    private static final Map<Integer, Known> BY_CODE = new LinkedHashMap<>();

    static {
        for (String line : table().strip().split("\n")) {
            String[] parts = line.strip().split(" ");
            int code = Integer.parseInt(parts[0], 16);
            BY_CODE.put(code, describe(code, parts[1]));
        }
    }

    private CipherSuites() {
    }

    private static Known sslv2(int code, String name, int bits, String... weak) {
        List<String> classes = new ArrayList<>(List.of(weak));
        classes.add(STATIC_RSA);
        return new Known(code, name, "RSA", bits, false, name.contains("CBC"), List.copyOf(classes));
    }

    public static Known byCode(int code) {
        return BY_CODE.get(code);
    }

    /** The TLS 1.3 suites, in code order. */
    public static List<Known> tls13() {
        return BY_CODE.values().stream().filter(Known::tls13).toList();
    }

    /** Every suite of TLS 1.2 and older a hello may offer (not TLS_NULL_WITH_NULL_NULL), in code order. */
    public static List<Known> legacy() {
        return BY_CODE.values().stream().filter(suite -> !suite.tls13() && suite.code() != 0).toList();
    }

    /** Reads what a suite is from its IANA name. */
    static Known describe(int code, String name) {
        int with = name.indexOf("_WITH_");
        if (with < 0) {
            // TLS 1.3: TLS_AES_128_GCM_SHA256, the key exchange is negotiated apart
            return new Known(code, name, "any", bits(name.substring(4)), true, false, List.of());
        }
        String exchange = name.substring(4, with);
        String cipher = name.substring(with + 6);
        String keyExchange = keyExchange(exchange);
        int bits = bits(cipher);
        boolean forwardSecret = keyExchange.equals("ECDHE") || keyExchange.equals("DHE");
        boolean cbc = cipher.contains("_CBC");
        List<String> weak = new ArrayList<>();
        if (cipher.startsWith("NULL")) {
            weak.add(NULL);
        }
        if (keyExchange.equals("anon")) {
            weak.add(ANONYMOUS);
        }
        if (exchange.contains("EXPORT") || cipher.contains("40")) {
            weak.add(EXPORT);
        }
        if (cipher.startsWith("RC4")) {
            weak.add(RC4);
        }
        if (cipher.startsWith("3DES")) {
            weak.add(TRIPLE_DES);
        }
        if (keyExchange.equals("RSA")) {
            weak.add(STATIC_RSA);
        }
        return new Known(code, name, keyExchange, bits, forwardSecret, cbc, Collections.unmodifiableList(weak));
    }

    private static String keyExchange(String exchange) {
        if (exchange.contains("anon") || exchange.equals("NULL")) {
            return "anon";
        }
        if (exchange.startsWith("ECDHE") || exchange.startsWith("CECPQ1")) {
            return "ECDHE";
        }
        if (exchange.startsWith("DHE") || exchange.startsWith("PSK_DHE")) {
            return "DHE";
        }
        if (exchange.startsWith("ECDH_")) {
            return "ECDH";
        }
        if (exchange.startsWith("DH_")) {
            return "DH";
        }
        if (exchange.startsWith("PSK")) {
            return "PSK";
        }
        if (exchange.startsWith("RSA")) {
            return "RSA";
        }
        // KRB5, SRP, GOSTR341001...: the registry's word for it
        return exchange.split("_")[0];
    }

    /** The symmetric strength: 3DES counts 112 bits, as SSL Labs counts it. */
    private static int bits(String cipher) {
        if (cipher.startsWith("NULL")) {
            return 0;
        }
        if (cipher.startsWith("3DES")) {
            return 112;
        }
        if (cipher.contains("40")) {
            return 40;
        }
        if (cipher.contains("_56") || cipher.startsWith("DES_")) {
            return 56;
        }
        // "_256", not "256": the MAC of AES_128_GCM_SHA256 is no key length.
        if (cipher.contains("_256") || cipher.startsWith("CHACHA20") || cipher.contains("28147")) {
            return 256;
        }
        return 128; // AES_128, CAMELLIA_128, ARIA_128, RC4_128, SEED, IDEA
    }

    /** IANA TLS Cipher Suites (and testssl.sh's etc/cipher-mapping.txt for the pre-standard codes): hex code, name. */
    private static String table() {
        return """
                0000 TLS_NULL_WITH_NULL_NULL
                0001 TLS_RSA_WITH_NULL_MD5
                0002 TLS_RSA_WITH_NULL_SHA
                0003 TLS_RSA_EXPORT_WITH_RC4_40_MD5
                0004 TLS_RSA_WITH_RC4_128_MD5
                0005 TLS_RSA_WITH_RC4_128_SHA
                0006 TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5
                0007 TLS_RSA_WITH_IDEA_CBC_SHA
                0008 TLS_RSA_EXPORT_WITH_DES40_CBC_SHA
                0009 TLS_RSA_WITH_DES_CBC_SHA
                000A TLS_RSA_WITH_3DES_EDE_CBC_SHA
                000B TLS_DH_DSS_EXPORT_WITH_DES40_CBC_SHA
                000C TLS_DH_DSS_WITH_DES_CBC_SHA
                000D TLS_DH_DSS_WITH_3DES_EDE_CBC_SHA
                000E TLS_DH_RSA_EXPORT_WITH_DES40_CBC_SHA
                000F TLS_DH_RSA_WITH_DES_CBC_SHA
                0010 TLS_DH_RSA_WITH_3DES_EDE_CBC_SHA
                0011 TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA
                0012 TLS_DHE_DSS_WITH_DES_CBC_SHA
                0013 TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA
                0014 TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA
                0015 TLS_DHE_RSA_WITH_DES_CBC_SHA
                0016 TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA
                0017 TLS_DH_anon_EXPORT_WITH_RC4_40_MD5
                0018 TLS_DH_anon_WITH_RC4_128_MD5
                0019 TLS_DH_anon_EXPORT_WITH_DES40_CBC_SHA
                001A TLS_DH_anon_WITH_DES_CBC_SHA
                001B TLS_DH_anon_WITH_3DES_EDE_CBC_SHA
                001E TLS_KRB5_WITH_DES_CBC_SHA
                001F TLS_KRB5_WITH_3DES_EDE_CBC_SHA
                0020 TLS_KRB5_WITH_RC4_128_SHA
                0021 TLS_KRB5_WITH_IDEA_CBC_SHA
                0022 TLS_KRB5_WITH_DES_CBC_MD5
                0023 TLS_KRB5_WITH_3DES_EDE_CBC_MD5
                0024 TLS_KRB5_WITH_RC4_128_MD5
                0025 TLS_KRB5_WITH_IDEA_CBC_MD5
                0026 TLS_KRB5_EXPORT_WITH_DES_CBC_40_SHA
                0027 TLS_KRB5_EXPORT_WITH_RC2_CBC_40_SHA
                0028 TLS_KRB5_EXPORT_WITH_RC4_40_SHA
                0029 TLS_KRB5_EXPORT_WITH_DES_CBC_40_MD5
                002A TLS_KRB5_EXPORT_WITH_RC2_CBC_40_MD5
                002B TLS_KRB5_EXPORT_WITH_RC4_40_MD5
                002C TLS_PSK_WITH_NULL_SHA
                002D TLS_DHE_PSK_WITH_NULL_SHA
                002E TLS_RSA_PSK_WITH_NULL_SHA
                002F TLS_RSA_WITH_AES_128_CBC_SHA
                0030 TLS_DH_DSS_WITH_AES_128_CBC_SHA
                0031 TLS_DH_RSA_WITH_AES_128_CBC_SHA
                0032 TLS_DHE_DSS_WITH_AES_128_CBC_SHA
                0033 TLS_DHE_RSA_WITH_AES_128_CBC_SHA
                0034 TLS_DH_anon_WITH_AES_128_CBC_SHA
                0035 TLS_RSA_WITH_AES_256_CBC_SHA
                0036 TLS_DH_DSS_WITH_AES_256_CBC_SHA
                0037 TLS_DH_RSA_WITH_AES_256_CBC_SHA
                0038 TLS_DHE_DSS_WITH_AES_256_CBC_SHA
                0039 TLS_DHE_RSA_WITH_AES_256_CBC_SHA
                003A TLS_DH_anon_WITH_AES_256_CBC_SHA
                003B TLS_RSA_WITH_NULL_SHA256
                003C TLS_RSA_WITH_AES_128_CBC_SHA256
                003D TLS_RSA_WITH_AES_256_CBC_SHA256
                003E TLS_DH_DSS_WITH_AES_128_CBC_SHA256
                003F TLS_DH_RSA_WITH_AES_128_CBC_SHA256
                0040 TLS_DHE_DSS_WITH_AES_128_CBC_SHA256
                0041 TLS_RSA_WITH_CAMELLIA_128_CBC_SHA
                0042 TLS_DH_DSS_WITH_CAMELLIA_128_CBC_SHA
                0043 TLS_DH_RSA_WITH_CAMELLIA_128_CBC_SHA
                0044 TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA
                0045 TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA
                0046 TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA
                0060 TLS_RSA_EXPORT1024_WITH_RC4_56_MD5
                0061 TLS_RSA_EXPORT1024_WITH_RC2_56_MD5
                0062 TLS_RSA_EXPORT1024_WITH_DES_CBC_SHA
                0063 TLS_DHE_DSS_EXPORT1024_WITH_DES_CBC_SHA
                0064 TLS_RSA_EXPORT1024_WITH_RC4_56_SHA
                0065 TLS_DHE_DSS_EXPORT1024_WITH_RC4_56_SHA
                0066 TLS_DHE_DSS_WITH_RC4_128_SHA
                0067 TLS_DHE_RSA_WITH_AES_128_CBC_SHA256
                0068 TLS_DH_DSS_WITH_AES_256_CBC_SHA256
                0069 TLS_DH_RSA_WITH_AES_256_CBC_SHA256
                006A TLS_DHE_DSS_WITH_AES_256_CBC_SHA256
                006B TLS_DHE_RSA_WITH_AES_256_CBC_SHA256
                006C TLS_DH_anon_WITH_AES_128_CBC_SHA256
                006D TLS_DH_anon_WITH_AES_256_CBC_SHA256
                0080 TLS_GOSTR341094_WITH_28147_CNT_IMIT
                0081 TLS_GOSTR341001_WITH_28147_CNT_IMIT
                0082 TLS_GOSTR341094_WITH_NULL_GOSTR3411
                0083 TLS_GOSTR341001_WITH_NULL_GOSTR3411
                0084 TLS_RSA_WITH_CAMELLIA_256_CBC_SHA
                0085 TLS_DH_DSS_WITH_CAMELLIA_256_CBC_SHA
                0086 TLS_DH_RSA_WITH_CAMELLIA_256_CBC_SHA
                0087 TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA
                0088 TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA
                0089 TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA
                008A TLS_PSK_WITH_RC4_128_SHA
                008B TLS_PSK_WITH_3DES_EDE_CBC_SHA
                008C TLS_PSK_WITH_AES_128_CBC_SHA
                008D TLS_PSK_WITH_AES_256_CBC_SHA
                008E TLS_DHE_PSK_WITH_RC4_128_SHA
                008F TLS_DHE_PSK_WITH_3DES_EDE_CBC_SHA
                0090 TLS_DHE_PSK_WITH_AES_128_CBC_SHA
                0091 TLS_DHE_PSK_WITH_AES_256_CBC_SHA
                0092 TLS_RSA_PSK_WITH_RC4_128_SHA
                0093 TLS_RSA_PSK_WITH_3DES_EDE_CBC_SHA
                0094 TLS_RSA_PSK_WITH_AES_128_CBC_SHA
                0095 TLS_RSA_PSK_WITH_AES_256_CBC_SHA
                0096 TLS_RSA_WITH_SEED_CBC_SHA
                0097 TLS_DH_DSS_WITH_SEED_CBC_SHA
                0098 TLS_DH_RSA_WITH_SEED_CBC_SHA
                0099 TLS_DHE_DSS_WITH_SEED_CBC_SHA
                009A TLS_DHE_RSA_WITH_SEED_CBC_SHA
                009B TLS_DH_anon_WITH_SEED_CBC_SHA
                009C TLS_RSA_WITH_AES_128_GCM_SHA256
                009D TLS_RSA_WITH_AES_256_GCM_SHA384
                009E TLS_DHE_RSA_WITH_AES_128_GCM_SHA256
                009F TLS_DHE_RSA_WITH_AES_256_GCM_SHA384
                00A0 TLS_DH_RSA_WITH_AES_128_GCM_SHA256
                00A1 TLS_DH_RSA_WITH_AES_256_GCM_SHA384
                00A2 TLS_DHE_DSS_WITH_AES_128_GCM_SHA256
                00A3 TLS_DHE_DSS_WITH_AES_256_GCM_SHA384
                00A4 TLS_DH_DSS_WITH_AES_128_GCM_SHA256
                00A5 TLS_DH_DSS_WITH_AES_256_GCM_SHA384
                00A6 TLS_DH_anon_WITH_AES_128_GCM_SHA256
                00A7 TLS_DH_anon_WITH_AES_256_GCM_SHA384
                00A8 TLS_PSK_WITH_AES_128_GCM_SHA256
                00A9 TLS_PSK_WITH_AES_256_GCM_SHA384
                00AA TLS_DHE_PSK_WITH_AES_128_GCM_SHA256
                00AB TLS_DHE_PSK_WITH_AES_256_GCM_SHA384
                00AC TLS_RSA_PSK_WITH_AES_128_GCM_SHA256
                00AD TLS_RSA_PSK_WITH_AES_256_GCM_SHA384
                00AE TLS_PSK_WITH_AES_128_CBC_SHA256
                00AF TLS_PSK_WITH_AES_256_CBC_SHA384
                00B0 TLS_PSK_WITH_NULL_SHA256
                00B1 TLS_PSK_WITH_NULL_SHA384
                00B2 TLS_DHE_PSK_WITH_AES_128_CBC_SHA256
                00B3 TLS_DHE_PSK_WITH_AES_256_CBC_SHA384
                00B4 TLS_DHE_PSK_WITH_NULL_SHA256
                00B5 TLS_DHE_PSK_WITH_NULL_SHA384
                00B6 TLS_RSA_PSK_WITH_AES_128_CBC_SHA256
                00B7 TLS_RSA_PSK_WITH_AES_256_CBC_SHA384
                00B8 TLS_RSA_PSK_WITH_NULL_SHA256
                00B9 TLS_RSA_PSK_WITH_NULL_SHA384
                00BA TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256
                00BB TLS_DH_DSS_WITH_CAMELLIA_128_CBC_SHA256
                00BC TLS_DH_RSA_WITH_CAMELLIA_128_CBC_SHA256
                00BD TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA256
                00BE TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA256
                00BF TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA256
                00C0 TLS_RSA_WITH_CAMELLIA_256_CBC_SHA256
                00C1 TLS_DH_DSS_WITH_CAMELLIA_256_CBC_SHA256
                00C2 TLS_DH_RSA_WITH_CAMELLIA_256_CBC_SHA256
                00C3 TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA256
                00C4 TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA256
                00C5 TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA256
                1301 TLS_AES_128_GCM_SHA256
                1302 TLS_AES_256_GCM_SHA384
                1303 TLS_CHACHA20_POLY1305_SHA256
                1304 TLS_AES_128_CCM_SHA256
                1305 TLS_AES_128_CCM_8_SHA256
                16B7 TLS_CECPQ1_RSA_WITH_CHACHA20_POLY1305_SHA256
                16B8 TLS_CECPQ1_ECDSA_WITH_CHACHA20_POLY1305_SHA256
                16B9 TLS_CECPQ1_RSA_WITH_AES_256_GCM_SHA384
                16BA TLS_CECPQ1_ECDSA_WITH_AES_256_GCM_SHA384
                C001 TLS_ECDH_ECDSA_WITH_NULL_SHA
                C002 TLS_ECDH_ECDSA_WITH_RC4_128_SHA
                C003 TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA
                C004 TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA
                C005 TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA
                C006 TLS_ECDHE_ECDSA_WITH_NULL_SHA
                C007 TLS_ECDHE_ECDSA_WITH_RC4_128_SHA
                C008 TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA
                C009 TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA
                C00A TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA
                C00B TLS_ECDH_RSA_WITH_NULL_SHA
                C00C TLS_ECDH_RSA_WITH_RC4_128_SHA
                C00D TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA
                C00E TLS_ECDH_RSA_WITH_AES_128_CBC_SHA
                C00F TLS_ECDH_RSA_WITH_AES_256_CBC_SHA
                C010 TLS_ECDHE_RSA_WITH_NULL_SHA
                C011 TLS_ECDHE_RSA_WITH_RC4_128_SHA
                C012 TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA
                C013 TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA
                C014 TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA
                C015 TLS_ECDH_anon_WITH_NULL_SHA
                C016 TLS_ECDH_anon_WITH_RC4_128_SHA
                C017 TLS_ECDH_anon_WITH_3DES_EDE_CBC_SHA
                C018 TLS_ECDH_anon_WITH_AES_128_CBC_SHA
                C019 TLS_ECDH_anon_WITH_AES_256_CBC_SHA
                C01A TLS_SRP_SHA_WITH_3DES_EDE_CBC_SHA
                C01B TLS_SRP_SHA_RSA_WITH_3DES_EDE_CBC_SHA
                C01C TLS_SRP_SHA_DSS_WITH_3DES_EDE_CBC_SHA
                C01D TLS_SRP_SHA_WITH_AES_128_CBC_SHA
                C01E TLS_SRP_SHA_RSA_WITH_AES_128_CBC_SHA
                C01F TLS_SRP_SHA_DSS_WITH_AES_128_CBC_SHA
                C020 TLS_SRP_SHA_WITH_AES_256_CBC_SHA
                C021 TLS_SRP_SHA_RSA_WITH_AES_256_CBC_SHA
                C022 TLS_SRP_SHA_DSS_WITH_AES_256_CBC_SHA
                C023 TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256
                C024 TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384
                C025 TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256
                C026 TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384
                C027 TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256
                C028 TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384
                C029 TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256
                C02A TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384
                C02B TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
                C02C TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384
                C02D TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256
                C02E TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384
                C02F TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
                C030 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384
                C031 TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256
                C032 TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384
                C033 TLS_ECDHE_PSK_WITH_RC4_128_SHA
                C034 TLS_ECDHE_PSK_WITH_3DES_EDE_CBC_SHA
                C035 TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA
                C036 TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA
                C037 TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256
                C038 TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA384
                C039 TLS_ECDHE_PSK_WITH_NULL_SHA
                C03A TLS_ECDHE_PSK_WITH_NULL_SHA256
                C03B TLS_ECDHE_PSK_WITH_NULL_SHA384
                C03C TLS_RSA_WITH_ARIA_128_CBC_SHA256
                C03D TLS_RSA_WITH_ARIA_256_CBC_SHA384
                C03E TLS_DH_DSS_WITH_ARIA_128_CBC_SHA256
                C03F TLS_DH_DSS_WITH_ARIA_256_CBC_SHA384
                C040 TLS_DH_RSA_WITH_ARIA_128_CBC_SHA256
                C041 TLS_DH_RSA_WITH_ARIA_256_CBC_SHA384
                C042 TLS_DHE_DSS_WITH_ARIA_128_CBC_SHA256
                C043 TLS_DHE_DSS_WITH_ARIA_256_CBC_SHA384
                C044 TLS_DHE_RSA_WITH_ARIA_128_CBC_SHA256
                C045 TLS_DHE_RSA_WITH_ARIA_256_CBC_SHA384
                C046 TLS_DH_anon_WITH_ARIA_128_CBC_SHA256
                C047 TLS_DH_anon_WITH_ARIA_256_CBC_SHA384
                C048 TLS_ECDHE_ECDSA_WITH_ARIA_128_CBC_SHA256
                C049 TLS_ECDHE_ECDSA_WITH_ARIA_256_CBC_SHA384
                C04A TLS_ECDH_ECDSA_WITH_ARIA_128_CBC_SHA256
                C04B TLS_ECDH_ECDSA_WITH_ARIA_256_CBC_SHA384
                C04C TLS_ECDHE_RSA_WITH_ARIA_128_CBC_SHA256
                C04D TLS_ECDHE_RSA_WITH_ARIA_256_CBC_SHA384
                C04E TLS_ECDH_RSA_WITH_ARIA_128_CBC_SHA256
                C04F TLS_ECDH_RSA_WITH_ARIA_256_CBC_SHA384
                C050 TLS_RSA_WITH_ARIA_128_GCM_SHA256
                C051 TLS_RSA_WITH_ARIA_256_GCM_SHA384
                C052 TLS_DHE_RSA_WITH_ARIA_128_GCM_SHA256
                C053 TLS_DHE_RSA_WITH_ARIA_256_GCM_SHA384
                C054 TLS_DH_RSA_WITH_ARIA_128_GCM_SHA256
                C055 TLS_DH_RSA_WITH_ARIA_256_GCM_SHA384
                C056 TLS_DHE_DSS_WITH_ARIA_128_GCM_SHA256
                C057 TLS_DHE_DSS_WITH_ARIA_256_GCM_SHA384
                C058 TLS_DH_DSS_WITH_ARIA_128_GCM_SHA256
                C059 TLS_DH_DSS_WITH_ARIA_256_GCM_SHA384
                C05A TLS_DH_anon_WITH_ARIA_128_GCM_SHA256
                C05B TLS_DH_anon_WITH_ARIA_256_GCM_SHA384
                C05C TLS_ECDHE_ECDSA_WITH_ARIA_128_GCM_SHA256
                C05D TLS_ECDHE_ECDSA_WITH_ARIA_256_GCM_SHA384
                C05E TLS_ECDH_ECDSA_WITH_ARIA_128_GCM_SHA256
                C05F TLS_ECDH_ECDSA_WITH_ARIA_256_GCM_SHA384
                C060 TLS_ECDHE_RSA_WITH_ARIA_128_GCM_SHA256
                C061 TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384
                C062 TLS_ECDH_RSA_WITH_ARIA_128_GCM_SHA256
                C063 TLS_ECDH_RSA_WITH_ARIA_256_GCM_SHA384
                C064 TLS_PSK_WITH_ARIA_128_CBC_SHA256
                C065 TLS_PSK_WITH_ARIA_256_CBC_SHA384
                C066 TLS_DHE_PSK_WITH_ARIA_128_CBC_SHA256
                C067 TLS_DHE_PSK_WITH_ARIA_256_CBC_SHA384
                C068 TLS_RSA_PSK_WITH_ARIA_128_CBC_SHA256
                C069 TLS_RSA_PSK_WITH_ARIA_256_CBC_SHA384
                C06A TLS_PSK_WITH_ARIA_128_GCM_SHA256
                C06B TLS_PSK_WITH_ARIA_256_GCM_SHA384
                C06C TLS_DHE_PSK_WITH_ARIA_128_GCM_SHA256
                C06D TLS_DHE_PSK_WITH_ARIA_256_GCM_SHA384
                C06E TLS_RSA_PSK_WITH_ARIA_128_GCM_SHA256
                C06F TLS_RSA_PSK_WITH_ARIA_256_GCM_SHA384
                C070 TLS_ECDHE_PSK_WITH_ARIA_128_CBC_SHA256
                C071 TLS_ECDHE_PSK_WITH_ARIA_256_CBC_SHA384
                C072 TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_CBC_SHA256
                C073 TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_CBC_SHA384
                C074 TLS_ECDH_ECDSA_WITH_CAMELLIA_128_CBC_SHA256
                C075 TLS_ECDH_ECDSA_WITH_CAMELLIA_256_CBC_SHA384
                C076 TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256
                C077 TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384
                C078 TLS_ECDH_RSA_WITH_CAMELLIA_128_CBC_SHA256
                C079 TLS_ECDH_RSA_WITH_CAMELLIA_256_CBC_SHA384
                C07A TLS_RSA_WITH_CAMELLIA_128_GCM_SHA256
                C07B TLS_RSA_WITH_CAMELLIA_256_GCM_SHA384
                C07C TLS_DHE_RSA_WITH_CAMELLIA_128_GCM_SHA256
                C07D TLS_DHE_RSA_WITH_CAMELLIA_256_GCM_SHA384
                C07E TLS_DH_RSA_WITH_CAMELLIA_128_GCM_SHA256
                C07F TLS_DH_RSA_WITH_CAMELLIA_256_GCM_SHA384
                C080 TLS_DHE_DSS_WITH_CAMELLIA_128_GCM_SHA256
                C081 TLS_DHE_DSS_WITH_CAMELLIA_256_GCM_SHA384
                C082 TLS_DH_DSS_WITH_CAMELLIA_128_GCM_SHA256
                C083 TLS_DH_DSS_WITH_CAMELLIA_256_GCM_SHA384
                C084 TLS_DH_anon_WITH_CAMELLIA_128_GCM_SHA256
                C085 TLS_DH_anon_WITH_CAMELLIA_256_GCM_SHA384
                C086 TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_GCM_SHA256
                C087 TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_GCM_SHA384
                C088 TLS_ECDH_ECDSA_WITH_CAMELLIA_128_GCM_SHA256
                C089 TLS_ECDH_ECDSA_WITH_CAMELLIA_256_GCM_SHA384
                C08A TLS_ECDHE_RSA_WITH_CAMELLIA_128_GCM_SHA256
                C08B TLS_ECDHE_RSA_WITH_CAMELLIA_256_GCM_SHA384
                C08C TLS_ECDH_RSA_WITH_CAMELLIA_128_GCM_SHA256
                C08D TLS_ECDH_RSA_WITH_CAMELLIA_256_GCM_SHA384
                C08E TLS_PSK_WITH_CAMELLIA_128_GCM_SHA256
                C08F TLS_PSK_WITH_CAMELLIA_256_GCM_SHA384
                C090 TLS_DHE_PSK_WITH_CAMELLIA_128_GCM_SHA256
                C091 TLS_DHE_PSK_WITH_CAMELLIA_256_GCM_SHA384
                C092 TLS_RSA_PSK_WITH_CAMELLIA_128_GCM_SHA256
                C093 TLS_RSA_PSK_WITH_CAMELLIA_256_GCM_SHA384
                C094 TLS_PSK_WITH_CAMELLIA_128_CBC_SHA256
                C095 TLS_PSK_WITH_CAMELLIA_256_CBC_SHA384
                C096 TLS_DHE_PSK_WITH_CAMELLIA_128_CBC_SHA256
                C097 TLS_DHE_PSK_WITH_CAMELLIA_256_CBC_SHA384
                C098 TLS_RSA_PSK_WITH_CAMELLIA_128_CBC_SHA256
                C099 TLS_RSA_PSK_WITH_CAMELLIA_256_CBC_SHA384
                C09A TLS_ECDHE_PSK_WITH_CAMELLIA_128_CBC_SHA256
                C09B TLS_ECDHE_PSK_WITH_CAMELLIA_256_CBC_SHA384
                C09C TLS_RSA_WITH_AES_128_CCM
                C09D TLS_RSA_WITH_AES_256_CCM
                C09E TLS_DHE_RSA_WITH_AES_128_CCM
                C09F TLS_DHE_RSA_WITH_AES_256_CCM
                C0A0 TLS_RSA_WITH_AES_128_CCM_8
                C0A1 TLS_RSA_WITH_AES_256_CCM_8
                C0A2 TLS_DHE_RSA_WITH_AES_128_CCM_8
                C0A3 TLS_DHE_RSA_WITH_AES_256_CCM_8
                C0A4 TLS_PSK_WITH_AES_128_CCM
                C0A5 TLS_PSK_WITH_AES_256_CCM
                C0A6 TLS_DHE_PSK_WITH_AES_128_CCM
                C0A7 TLS_DHE_PSK_WITH_AES_256_CCM
                C0A8 TLS_PSK_WITH_AES_128_CCM_8
                C0A9 TLS_PSK_WITH_AES_256_CCM_8
                C0AA TLS_PSK_DHE_WITH_AES_128_CCM_8
                C0AB TLS_PSK_DHE_WITH_AES_256_CCM_8
                C0AC TLS_ECDHE_ECDSA_WITH_AES_128_CCM
                C0AD TLS_ECDHE_ECDSA_WITH_AES_256_CCM
                C0AE TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8
                C0AF TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8
                CC13 TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256_OLD
                CC14 TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256_OLD
                CC15 TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256_OLD
                CCA8 TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256
                CCA9 TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256
                CCAA TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256
                CCAB TLS_PSK_WITH_CHACHA20_POLY1305_SHA256
                CCAC TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256
                CCAD TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256
                CCAE TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256
                FF00 TLS_GOSTR341094_RSA_WITH_28147_CNT_MD5
                FF01 TLS_RSA_WITH_28147_CNT_GOST94
                """;
    }
}
