#!/bin/sh
# mOTP x LMS - curl example. See docs/lms-guide.en.md.
#   MOTP_ORIGIN=https://motp.example.ac.kr MOTP_API_KEY=... sh curl.sh register "우리 LMS" https://lms.example.ac.kr/motp
#   MOTP_ORIGIN=... MOTP_API_KEY=... sh curl.sh verify T-1001 123456
set -eu
case "${1:-}" in
register)
	# Registers an LMS client: the answer holds clientId and clientSecret (shown only once).
	curl -sS -X POST "$MOTP_ORIGIN/api/v1/clients" \
		-H "Authorization: Bearer $MOTP_API_KEY" -H 'Content-Type: application/json' \
		-d "{\"name\":\"$2\",\"returnTo\":[\"$3\"]}"
	echo
	;;
verify)
	# One verification; the retry with the same Idempotency-Key gets the same answer and costs no strike.
	KEY=$(cat /proc/sys/kernel/random/uuid 2>/dev/null || date +%s%N)
	for attempt in 1 2; do
		curl -sS -i -X POST "$MOTP_ORIGIN/api/v1/verify" \
			-H "Authorization: Bearer $MOTP_API_KEY" -H 'Content-Type: application/json' \
			-H "Idempotency-Key: $KEY" \
			-d "{\"traineeId\":\"$2\",\"code\":\"$3\"}" | tr -d '\r' | grep -Ei '^(HTTP/|idempotent-replayed:|\{)'
	done
	;;
*)
	echo "usage: curl.sh register <name> <returnTo prefix> | curl.sh verify <traineeId> <code>" >&2
	exit 2
	;;
esac
