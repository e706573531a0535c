# NsmDashboard container image, in the dotnet-docker sample style: restore layer, publish, small runtime.
#
#   docker build -t nsm-dashboard .
#   docker run --rm -p 5000:5000 nsm-dashboard                       # no /dev/nsm: runs on the emulator
#   docker run --rm -p 5000:5000 --device /dev/nsm nsm-dashboard     # a host with an NSM device
#
# The app listens on TCP 5000 on all interfaces here. Inside a Nitro Enclave there is no network, only
# vsock: listening on vsock and the parent-side proxy come with the deployment work (README, "Roadmap").
# No Docker engine runs on the development machines, so CI does not build this file; it runs the same
# `dotnet publish` command the tests run.

FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
WORKDIR /source

# Restore first, from the project files alone, so that the layer is reused until a dependency changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Directory.Build.props src/
COPY src/NsmDashboard.Nsm/NsmDashboard.Nsm.csproj src/NsmDashboard.Nsm/
COPY src/NsmDashboard.Attestation/NsmDashboard.Attestation.csproj src/NsmDashboard.Attestation/
COPY src/NsmDashboard.Web/NsmDashboard.Web.csproj src/NsmDashboard.Web/
RUN dotnet restore src/NsmDashboard.Web -a $TARGETARCH

COPY src/ src/
COPY wwwroot/ wwwroot/
RUN dotnet publish src/NsmDashboard.Web -c Release -a $TARGETARCH --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://0.0.0.0:5000 \
    Nsm__Mode=auto
EXPOSE 5000
# /dev/nsm is mode 0666 on Nitro (nsm-protocol.md §1.1), so the non-root user can open it.
USER $APP_UID
ENTRYPOINT ["./NsmDashboard.Web"]
