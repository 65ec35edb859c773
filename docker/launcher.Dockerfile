# The launcher: the embedded PostgreSQL and the Kafka KRaft broker that `./kubelite up` starts,
# and the script itself for docker-compose.yml's `credentials` step. The command names what to run:
#   postgres --data-dir DIR --port N | kafka --data-dir DIR --port N --controller-port N | credentials
ARG BASE_IMAGE=kubelite/java-runtime:0.1.0-SNAPSHOT
FROM ${BASE_IMAGE}
COPY app/ /opt/kubelite/
WORKDIR /opt/kubelite
ENV JAVA_OPTS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1"
# the script's Java steps (the service account key) run from here
ENV KUBELITE_LAUNCHER_CLASSPATH="/opt/kubelite/*:/opt/kubelite/lib/*"
ENTRYPOINT ["/opt/kubelite/launch"]
