#!/bin/sh
# Kibana's objects for rate-runner, made by the Compose service kibana-setup (curl's image) once Kibana is
# healthy: the data view "jobs" on the workers' result documents, made Kibana's default so Discover opens
# on it, and the saved search "Run results" (a run's documents in seq order, with their worker). Each call
# overwrites what it makes, so a re-run changes nothing; each is retried while Kibana warms up. Then it stays
# (idle) with a marker file its healthcheck reads, so `docker compose up --wait` returns once the objects exist.
set -eu
rm -f /tmp/kibana-setup.done

KIBANA_URL="${KIBANA_URL:-http://kibana:5601}"
INDEX="${JOBS_INDEX:-jobs}"

kibana() {
  path=$1
  body=$2
  curl -fsS --retry 12 --retry-all-errors --retry-delay 5 --max-time 30 -o /dev/null \
    -X POST "$KIBANA_URL$path" -H 'kbn-xsrf: true' -H 'Content-Type: application/json' -d "$body"
  echo "kibana-setup: POST $path done"
}

kibana /api/data_views/data_view \
  "{\"data_view\":{\"id\":\"$INDEX\",\"title\":\"$INDEX\",\"name\":\"$INDEX\",\"timeFieldName\":\"processedAt\"},\"override\":true}"

kibana /api/data_views/default "{\"data_view_id\":\"$INDEX\",\"force\":true}"

# Discover opens it at /app/discover#/view/run-results; the README's link adds the run's id as the query.
kibana '/api/saved_objects/search/run-results?overwrite=true' "{
  \"attributes\": {
    \"title\": \"Run results\",
    \"description\": \"A run's result documents in seq order: query runId:\\\"<run id>\\\"\",
    \"columns\": [\"runId\", \"seq\", \"input\", \"output\", \"workerId\", \"attempt\"],
    \"sort\": [[\"seq\", \"asc\"]],
    \"kibanaSavedObjectMeta\": {
      \"searchSourceJSON\": \"{\\\"query\\\":{\\\"query\\\":\\\"\\\",\\\"language\\\":\\\"kuery\\\"},\\\"filter\\\":[],\\\"indexRefName\\\":\\\"kibanaSavedObjectMeta.searchSourceJSON.index\\\"}\"
    }
  },
  \"references\": [{\"name\": \"kibanaSavedObjectMeta.searchSourceJSON.index\", \"type\": \"index-pattern\", \"id\": \"$INDEX\"}]
}"

touch /tmp/kibana-setup.done
echo "kibana-setup: Kibana is ready: Discover opens on the data view $INDEX; saved search run-results"
trap 'exit 0' TERM INT
while :; do
  sleep 3600 &
  wait $!
done
