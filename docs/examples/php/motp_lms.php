<?php
// mOTP x LMS - PHP example (PHP 7.4+, no extensions beyond the defaults). See docs/lms-guide.en.md.
//
//   php motp_lms.php sign-url <traineeId> <state> <return_to>
//   php motp_lms.php verify-result <motp_result> <state>
//   php motp_lms.php verify <traineeId> <code>
//
// In a PHP LMS the same functions run in the page that starts the check (redirect to
// motp_hosted_page_url(...)) and in the return page (motp_verify_result($_GET['motp_result'], $_SESSION['motp_state'])).
// Environment: MOTP_ORIGIN, MOTP_API_KEY, MOTP_CLIENT_ID, MOTP_CLIENT_SECRET, NONCE_FILE (remembers
// used nonces; in production a table with a UNIQUE nonce column).

function motp_env(string $k, string $d = ''): string { $v = getenv($k); return $v === false ? $d : $v; }
function motp_b64url(string $bin): string { return rtrim(strtr(base64_encode($bin), '+/', '-_'), '='); }
function motp_b64url_decode(string $s): string { return (string) base64_decode(strtr($s, '-_', '+/')); }
function motp_sign(string $text): string { return motp_b64url(hash_hmac('sha256', $text, motp_env('MOTP_CLIENT_SECRET'), true)); }

function motp_hosted_page_url(string $trainee, string $state, string $returnTo): string {
    $p = ['client' => motp_env('MOTP_CLIENT_ID'), 'trainee' => $trainee, 'state' => $state, 'return_to' => $returnTo, 'ts' => (string) time()];
    $p['sig'] = motp_sign(implode("\n", ['motp-v1', $p['client'], $p['trainee'], $p['state'], $p['return_to'], $p['ts']]));
    return motp_env('MOTP_ORIGIN') . '/v?' . http_build_query($p, '', '&', PHP_QUERY_RFC3986);
}

/** @return array the claims; throws on any refusal */
function motp_verify_result(string $jws, string $expectedState): array {
    $p = explode('.', $jws);
    if (count($p) !== 3) throw new RuntimeException('malformed');
    $header = json_decode(motp_b64url_decode($p[0]), true);
    if (($header['alg'] ?? '') !== 'HS256') throw new RuntimeException('unexpected alg');
    if (!hash_equals(motp_sign($p[0] . '.' . $p[1]), $p[2])) throw new RuntimeException('bad signature');
    $c = json_decode(motp_b64url_decode($p[1]), true);
    if (($c['iss'] ?? '') !== motp_env('MOTP_ORIGIN')) throw new RuntimeException('wrong issuer');
    if (($c['aud'] ?? '') !== motp_env('MOTP_CLIENT_ID')) throw new RuntimeException('wrong audience');
    if (!is_int($c['exp'] ?? null) || $c['exp'] < time()) throw new RuntimeException('expired');
    if (!hash_equals($expectedState, (string) ($c['state'] ?? ''))) throw new RuntimeException('state mismatch');
    $file = fopen(motp_env('NONCE_FILE', 'motp_nonces.txt'), 'c+');
    flock($file, LOCK_EX); // one checker at a time: a nonce is accepted once, even for two requests at once
    $seen = explode("\n", stream_get_contents($file));
    if (in_array($c['nonce'], $seen, true)) { flock($file, LOCK_UN); throw new RuntimeException('replayed'); }
    fseek($file, 0, SEEK_END);
    fwrite($file, $c['nonce'] . "\n");
    flock($file, LOCK_UN);
    fclose($file);
    return $c;
}

function motp_verify_code(string $trainee, string $code): array {
    $key = bin2hex(random_bytes(16)); // one key per verification; a retry reuses it
    $ctx = stream_context_create(['http' => [
        'method' => 'POST', 'ignore_errors' => true, 'timeout' => 10,
        'header' => "Authorization: Bearer " . motp_env('MOTP_API_KEY') . "\r\nContent-Type: application/json\r\nIdempotency-Key: $key\r\n",
        'content' => json_encode(['traineeId' => $trainee, 'code' => $code]),
    ]]);
    for ($attempt = 1; ; $attempt++) {
        $body = @file_get_contents(motp_env('MOTP_ORIGIN') . '/api/v1/verify', false, $ctx);
        if ($body !== false) break;
        if ($attempt >= 3) throw new RuntimeException('mOTP did not answer');
    }
    $status = (int) explode(' ', $http_response_header[0])[1];
    $replayed = in_array('idempotent-replayed: true', array_map('strtolower', $http_response_header), true);
    return ['status' => $status, 'replayed' => $replayed, 'body' => json_decode($body, true)];
}

if (PHP_SAPI === 'cli' && realpath($argv[0]) === __FILE__) {
    switch ($argv[1] ?? '') {
        case 'sign-url': echo motp_hosted_page_url($argv[2], $argv[3], $argv[4]), "\n"; break;
        case 'verify-result':
            try { $c = motp_verify_result($argv[2], $argv[3]); echo "VERIFIED {$c['sub']} {$c['result']}\n"; }
            catch (RuntimeException $e) { echo 'REFUSED: ', $e->getMessage(), "\n"; exit(1); }
            break;
        case 'verify': echo json_encode(motp_verify_code($argv[2], $argv[3])), "\n"; break;
        default: fwrite(STDERR, "usage: sign-url | verify-result | verify\n"); exit(2);
    }
}
