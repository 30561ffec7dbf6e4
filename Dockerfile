# syntax=docker/dockerfile:1
# Switchboard container image.
#   docker build -t switchboard .
#   docker run --rm -p 9999:9999 -p 9999:9999/udp -p 6667:6667 -p 9007:9007 -p 9007:9007/udp -p 8080:8080 switchboard
# Every switchboard.* setting can be given as an environment variable, e.g.
#   docker run -e SWITCHBOARD_MAX_CLIENTS=20000 -e SWITCHBOARD_TCP_FRAMING=chunk ...

# 1. Build the jar with the Maven wrapper (tests run in CI, not here).
FROM eclipse-temurin:25-jdk AS build
WORKDIR /workspace
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY src/ src/
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp -Dmaven.test.skip=true package \
 && cp target/switchboard-*.jar app.jar \
 && java -Djarmode=tools -jar app.jar extract --layers --destination extracted

# 2. Run on a JRE, as a fixed non-root user, layers copied from least to most often changed.
FROM eclipse-temurin:25-jre
WORKDIR /app
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./
# AOT cache training run: the context starts and exits at refresh (no listener starts),
# so later starts load and link classes from app.aot.
RUN java -XX:+UseG1GC -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh -jar app.jar
# docker stop waits 10s before SIGKILL: a 6s drain plus the 2s close grace ends before it.
# (The Helm chart sets its own drain timeout and grace period.)
ENV SWITCHBOARD_SHUTDOWN_DRAIN_TIMEOUT=6s
USER 10001:10001
EXPOSE 9999/tcp 9999/udp 6667/tcp 9007/tcp 9007/udp 8080/tcp
# JRE images have no curl: a JDK-only class in app.jar asks the readiness group, on
# MANAGEMENT_SERVER_PORT when actuator has a port of its own, else on SERVER_PORT.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["java", "-XX:+UseSerialGC", "-Xmx16m", "-XX:TieredStopAtLevel=1", "-cp", "/app/app.jar", "io.switchboard.health.HealthCheck"]
# Exec form: the JVM is PID 1 and gets SIGTERM, which runs the graceful shutdown.
# G1 whatever the container's size (the JVM would pick Serial below 2 CPUs or 1792 MiB,
# whose full collections grow with the clients held), the heap at most 60% of the memory
# limit (the rest: metaspace, code, GC structures, threads, Netty's buffers). The same GC
# as the AOT training run, which the cache requires. The Helm chart also fixes the initial
# heap (docs/operations.md: Sizing the heap).
ENTRYPOINT ["java", "-XX:AOTCache=app.aot", "-XX:+UseG1GC", "-XX:MaxRAMPercentage=60", "-jar", "app.jar"]
