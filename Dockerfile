# syntax=docker/dockerfile:1
# The container image of Chatplugify Webhooks: one image for every role, the role is its argument.
#   docker build -t chatplugify-webhooks:dev .
#   docker run --rm -e WEBHOOKS_KAFKA_BOOTSTRAP_SERVERS=kafka:9092 chatplugify-webhooks:dev router
# Configuration comes from WEBHOOKS_* environment variables (or --config FILE / --set key=value after the role).
# Not built on the project's machines (no Docker engine there): see README.md, "Operating it".

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Poms first, so that the dependency download stays cached while only sources change.
COPY pom.xml ./
COPY common/pom.xml common/
COPY ingest/pom.xml ingest/
COPY router/pom.xml router/
COPY deliverer/pom.xml deliverer/
COPY app/pom.xml app/
COPY common/src common/src
COPY ingest/src ingest/src
COPY router/src router/src
COPY deliverer/src deliverer/src
COPY app/src app/src
# Tests run in CI (mvn -B verify), not in the image build.
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests package -pl app -am

FROM eclipse-temurin:17-jre
# curl serves the container health checks (GET /ready).
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 webhooks \
    && useradd --system --uid 10001 --gid webhooks --home-dir /var/lib/webhooks --no-create-home webhooks \
    && mkdir -p /var/lib/webhooks \
    && chown webhooks:webhooks /var/lib/webhooks
COPY --from=build /src/app/target/webhooks.jar /opt/webhooks/webhooks.jar
USER 10001:10001
WORKDIR /var/lib/webhooks
ENV WEBHOOKS_HTTP_HOST=0.0.0.0 \
    WEBHOOKS_HTTP_PORT=8080 \
    WEBHOOKS_DATA_DIR=/var/lib/webhooks \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/webhooks/webhooks.jar"]
CMD ["--help"]
