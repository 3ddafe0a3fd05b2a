# Look-alike of curlimages/curl: Debian's curl and a POSIX sh.
FROM rate-runner-lookalike/debian:bookworm
RUN apt-get update -qq && apt-get install -y -qq curl >/dev/null && rm -rf /var/lib/apt/lists/* \
 && useradd -u 100 -m curl_user
USER curl_user
ENTRYPOINT ["curl"]
