# Look-alike of elasticsearch:<8.x>: the same version's integ-test-zip from Maven Central (what
# infra/elasticsearch.sh runs) on Debian's OpenJDK 17, as uid 1000; settings from variables named
# like settings (discovery.type=...), as the official image takes them; listening on every interface as there.
FROM rate-runner-lookalike/debian:bookworm
RUN apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless curl unzip >/dev/null && rm -rf /var/lib/apt/lists/*
COPY elasticsearch.zip /tmp/elasticsearch.zip
RUN unzip -q /tmp/elasticsearch.zip -d /usr/share && rm /tmp/elasticsearch.zip \
 && mv /usr/share/elasticsearch-* /usr/share/elasticsearch \
 && groupadd -g 1000 elasticsearch && useradd -u 1000 -g 1000 -d /usr/share/elasticsearch elasticsearch \
 && mkdir -p /usr/share/elasticsearch/data /usr/share/elasticsearch/logs \
 && printf 'cluster.name: docker-cluster\nnetwork.host: 0.0.0.0\n' >/usr/share/elasticsearch/config/elasticsearch.yml \
 && chown -R 1000:0 /usr/share/elasticsearch
COPY elasticsearch-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
ENV ES_JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
WORKDIR /usr/share/elasticsearch
USER 1000:0
EXPOSE 9200
ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]
