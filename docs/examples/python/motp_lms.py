#!/usr/bin/env python3
"""mOTP x LMS - Python example (3.8+, standard library only). See docs/lms-guide.en.md.

  python3 motp_lms.py sign-url <traineeId> <state> <return_to>   # link to the hosted page /v
  python3 motp_lms.py verify-result <motp_result> <state>         # check a signed result, once
  python3 motp_lms.py verify <traineeId> <code>                   # server to server, Idempotency-Key

Environment: MOTP_ORIGIN, MOTP_API_KEY, MOTP_CLIENT_ID, MOTP_CLIENT_SECRET, NONCE_DB (a SQLite file
that remembers used nonces; use your LMS database in production).
"""
import base64, hashlib, hmac, json, os, sqlite3, sys, time, urllib.error, urllib.parse, urllib.request, uuid

MOTP_ORIGIN = os.environ.get("MOTP_ORIGIN", "http://localhost:5173")
CLIENT_ID = os.environ.get("MOTP_CLIENT_ID", "")
CLIENT_SECRET = os.environ.get("MOTP_CLIENT_SECRET", "").encode("utf-8")


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign(text: str) -> str:
    return b64url(hmac.new(CLIENT_SECRET, text.encode("utf-8"), hashlib.sha256).digest())


def hosted_page_url(trainee_id: str, state: str, return_to: str) -> str:
    p = {"client": CLIENT_ID, "trainee": trainee_id, "state": state, "return_to": return_to, "ts": str(int(time.time()))}
    p["sig"] = sign("\n".join(["motp-v1", p["client"], p["trainee"], p["state"], p["return_to"], p["ts"]]))
    return MOTP_ORIGIN + "/v?" + urllib.parse.urlencode(p)


def verify_result(jws: str, expected_state: str) -> dict:
    parts = jws.split(".")
    if len(parts) != 3:
        raise ValueError("malformed")
    header = json.loads(b64url_decode(parts[0]))
    if header.get("alg") != "HS256":
        raise ValueError("unexpected alg")
    if not hmac.compare_digest(sign(parts[0] + "." + parts[1]), parts[2]):
        raise ValueError("bad signature")
    claims = json.loads(b64url_decode(parts[1]))
    now = int(time.time())
    if claims.get("iss") != MOTP_ORIGIN:
        raise ValueError("wrong issuer")
    if claims.get("aud") != CLIENT_ID:
        raise ValueError("wrong audience")
    if not isinstance(claims.get("exp"), int) or claims["exp"] < now:
        raise ValueError("expired")
    if claims.get("state") != expected_state:
        raise ValueError("state mismatch")
    db = sqlite3.connect(os.environ.get("NONCE_DB", "motp_nonces.db"))
    with db:
        db.execute("CREATE TABLE IF NOT EXISTS used_nonces (nonce TEXT PRIMARY KEY, exp INTEGER NOT NULL)")
        db.execute("DELETE FROM used_nonces WHERE exp < ?", (now,))
        try:  # the PRIMARY KEY makes "accept each nonce once" hold even for two requests at once
            db.execute("INSERT INTO used_nonces (nonce, exp) VALUES (?, ?)", (claims["nonce"], claims["exp"]))
        except sqlite3.IntegrityError:
            raise ValueError("replayed")
    return claims


def verify_code(trainee_id: str, code: str) -> dict:
    key = str(uuid.uuid4())  # one key per verification; a retry reuses it
    body = json.dumps({"traineeId": trainee_id, "code": code}).encode("utf-8")
    for attempt in range(3):
        req = urllib.request.Request(MOTP_ORIGIN + "/api/v1/verify", data=body, method="POST", headers={
            "Authorization": "Bearer " + os.environ["MOTP_API_KEY"], "Content-Type": "application/json", "Idempotency-Key": key})
        try:
            with urllib.request.urlopen(req, timeout=10) as res:
                return {"status": res.status, "replayed": res.headers.get("Idempotent-Replayed") == "true", "body": json.load(res)}
        except urllib.error.HTTPError as e:
            return {"status": e.code, "replayed": False, "body": json.load(e)}
        except (urllib.error.URLError, TimeoutError):
            if attempt == 2:
                raise


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "sign-url":
        print(hosted_page_url(sys.argv[2], sys.argv[3], sys.argv[4]))
    elif cmd == "verify-result":
        try:
            c = verify_result(sys.argv[2], sys.argv[3])
            print("VERIFIED", c["sub"], c["result"])
        except ValueError as e:
            print("REFUSED:", e)
            sys.exit(1)
    elif cmd == "verify":
        print(json.dumps(verify_code(sys.argv[2], sys.argv[3])))
    else:
        print(__doc__)
        sys.exit(2)
