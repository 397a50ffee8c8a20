# The SMSC simulator as an image, for pointing an SMPP client at a throwaway SMSC.
#   docker build -f docker/smsc-simulator.Dockerfile -t front-actors-smsc .
#   docker run --rm -p 2775:2775 front-actors-smsc
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Front.Actors.SmscSimulator -c Release -o /app

FROM mcr.microsoft.com/dotnet/runtime:10.0
WORKDIR /app
COPY --from=build /app .
EXPOSE 2775
ENTRYPOINT ["dotnet", "Front.Actors.SmscSimulator.dll", "--host", "0.0.0.0", "--port", "2775"]
