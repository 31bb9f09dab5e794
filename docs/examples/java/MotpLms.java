// mOTP x LMS - Java example (Java 11+, JDK only; run as `java MotpLms.java ...`). See docs/lms-guide.en.md.
//
//   java MotpLms.java sign-url <traineeId> <state> <return_to>
//   java MotpLms.java verify-result <motp_result> <state>
//   java MotpLms.java verify <traineeId> <code>
//
// Environment: MOTP_ORIGIN, MOTP_API_KEY, MOTP_CLIENT_ID, MOTP_CLIENT_SECRET, NONCE_FILE (remembers
// used nonces; in a JSP/Spring LMS use a table with a UNIQUE nonce column instead).
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.security.MessageDigest;
import java.util.*;
import java.util.regex.*;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class MotpLms {
    static final String ORIGIN = env("MOTP_ORIGIN", "http://localhost:5173");
    static final String CLIENT_ID = env("MOTP_CLIENT_ID", "");
    static final String SECRET = env("MOTP_CLIENT_SECRET", "");

    static String env(String k, String d) { String v = System.getenv(k); return v == null ? d : v; }

    static String sign(String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    static String hostedPageUrl(String trainee, String state, String returnTo) throws Exception {
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        String sig = sign(String.join("\n", "motp-v1", CLIENT_ID, trainee, state, returnTo, ts));
        return ORIGIN + "/v?client=" + enc(CLIENT_ID) + "&trainee=" + enc(trainee) + "&state=" + enc(state)
            + "&return_to=" + enc(returnTo) + "&ts=" + ts + "&sig=" + sig;
    }

    /** The claims we need from the payload JSON (a JSON library such as Jackson does this in a real LMS). */
    static String claim(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\"((?:[^\"\\\\]|\\\\.)*)\"|(-?\\d+))").matcher(json);
        if (!m.find()) return null;
        return m.group(2) != null ? m.group(2) : m.group(3);
    }

    static String verifyResult(String jws, String expectedState) throws Exception {
        String[] p = jws.split("\\.");
        if (p.length != 3) throw new IllegalArgumentException("malformed");
        String header = new String(Base64.getUrlDecoder().decode(p[0]), StandardCharsets.UTF_8);
        if (!"HS256".equals(claim(header, "alg"))) throw new IllegalArgumentException("unexpected alg");
        if (!MessageDigest.isEqual(sign(p[0] + "." + p[1]).getBytes(StandardCharsets.US_ASCII), p[2].getBytes(StandardCharsets.US_ASCII)))
            throw new IllegalArgumentException("bad signature");
        String json = new String(Base64.getUrlDecoder().decode(p[1]), StandardCharsets.UTF_8);
        long now = System.currentTimeMillis() / 1000;
        if (!ORIGIN.equals(claim(json, "iss"))) throw new IllegalArgumentException("wrong issuer");
        if (!CLIENT_ID.equals(claim(json, "aud"))) throw new IllegalArgumentException("wrong audience");
        String exp = claim(json, "exp");
        if (exp == null || Long.parseLong(exp) < now) throw new IllegalArgumentException("expired");
        if (!expectedState.equals(claim(json, "state"))) throw new IllegalArgumentException("state mismatch");
        Path nonces = Paths.get(env("NONCE_FILE", "motp_nonces.txt"));
        String nonce = claim(json, "nonce");
        List<String> seen = Files.exists(nonces) ? Files.readAllLines(nonces) : List.of();
        if (nonce == null || seen.contains(nonce)) throw new IllegalArgumentException("replayed");
        Files.writeString(nonces, nonce + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return "VERIFIED " + claim(json, "sub") + " " + claim(json, "result");
    }

    static String verify(String trainee, String code) throws Exception {
        String key = UUID.randomUUID().toString(); // a retry after a lost answer reuses it
        HttpRequest req = HttpRequest.newBuilder(URI.create(ORIGIN + "/api/v1/verify"))
            .header("Authorization", "Bearer " + System.getenv("MOTP_API_KEY"))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString("{\"traineeId\":\"" + trainee + "\",\"code\":\"" + code + "\"}"))
            .build();
        HttpClient http = HttpClient.newHttpClient();
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
                return res.statusCode() + " replayed=" + res.headers().firstValue("Idempotent-Replayed").orElse("false") + " " + res.body();
            } catch (java.io.IOException e) {
                if (attempt >= 3) throw e;
            }
        }
    }

    public static void main(String[] a) throws Exception {
        switch (a.length > 0 ? a[0] : "") {
            case "sign-url": System.out.println(hostedPageUrl(a[1], a[2], a[3])); break;
            case "verify-result":
                try { System.out.println(verifyResult(a[1], a[2])); }
                catch (IllegalArgumentException e) { System.out.println("REFUSED: " + e.getMessage()); System.exit(1); }
                break;
            case "verify": System.out.println(verify(a[1], a[2])); break;
            default: System.err.println("usage: sign-url | verify-result | verify"); System.exit(2);
        }
    }
}
