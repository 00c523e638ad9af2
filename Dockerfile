# Builds the ChatX image with the Maven wrapper; runs as an unprivileged user.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -ntp -q dependency:go-offline
COPY schema schema
COPY db db
COPY src src
RUN ./mvnw -B -ntp -q -DskipTests package && cp target/chatx-*.jar /chatx.jar

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
  && useradd --system --create-home chatx
USER chatx
WORKDIR /home/chatx
COPY --from=build /chatx.jar /app/chatx.jar
# 8080: the API, with /livez and /readyz for load balancers. Actuator (metrics, Prometheus)
# is on CHATX_MANAGEMENT_PORT (8081), bound to 127.0.0.1 unless CHATX_MANAGEMENT_ADDRESS says
# otherwise: publish it only to your monitoring network.
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=40s --retries=5 \
  CMD curl -fsS http://localhost:8080/readyz || exit 1
# G1 returns memory after a collection (by default it may keep 70% of the heap free): an
# instance whose connections come and go does not stay at its peak footprint.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-jar", "/app/chatx.jar"]
