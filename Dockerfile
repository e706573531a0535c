# The NsmDashboard enclave image, in the dotnet-docker style: a restore layer, a publish stage, a small
# non-root runtime. Inside a Nitro Enclave there is no network, only vsock: the dashboard listens on vsock port
# 5000 itself (no socat in the image) and speaks to /dev/nsm in device mode; `nsm-proxy` on the parent instance
# carries browsers to it (README, "Run in a Nitro Enclave").
#
#   docker build -t nsm-dashboard .
#   nitro-cli build-enclave --docker-uri nsm-dashboard:latest --output-file nsm-dashboard.eif
#   docker run --rm -p 5000:5000 nsm-dashboard --Nsm:Mode=emulator --urls http://0.0.0.0:5000   # locally, emulator
#
# No Docker engine runs on the development machines, so CI does not build this file; the rig tier runs the same
# publish (self-contained, linux-x64, invariant globalization) with the same arguments, in a VM with a real nsm
# driver, vsock and the loopback interface down (tests/rig/run-e2e-tests.sh).

FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
WORKDIR /source

# Restore first, from the project files alone, so that the layer is reused until a dependency changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Directory.Build.props src/
COPY src/NsmDashboard.Nsm/NsmDashboard.Nsm.csproj src/NsmDashboard.Nsm/
COPY src/NsmDashboard.Attestation/NsmDashboard.Attestation.csproj src/NsmDashboard.Attestation/
COPY src/NsmDashboard.Evidence/NsmDashboard.Evidence.csproj src/NsmDashboard.Evidence/
COPY src/NsmDashboard.Kms/NsmDashboard.Kms.csproj src/NsmDashboard.Kms/
COPY src/NsmDashboard.Vsock/NsmDashboard.Vsock.csproj src/NsmDashboard.Vsock/
COPY src/NsmDashboard.Credentials/NsmDashboard.Credentials.csproj src/NsmDashboard.Credentials/
COPY src/NsmDashboard.Web/NsmDashboard.Web.csproj src/NsmDashboard.Web/
RUN dotnet restore src/NsmDashboard.Web -a $TARGETARCH -p:SelfContained=true -p:InvariantGlobalization=true

# Self-contained on runtime-deps: the enclave image carries one runtime and no shell or package manager, and a
# smaller EIF means less enclave memory (nitro-cli wants at least 4 × the EIF size).
COPY src/ src/
COPY wwwroot/ wwwroot/
# Trimming, ReadyToRun, no symbols and the files left out are the project's (NsmDashboard.Web.csproj, for every
# self-contained publish), so that the rig's publish is the same.
RUN dotnet publish src/NsmDashboard.Web -c Release -a $TARGETARCH --self-contained -p:InvariantGlobalization=true \
      --no-restore -o /app

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled
WORKDIR /app
COPY --from=build /app .
# The base image listens on 8080 by default; in an enclave nothing but vsock is reachable, so no TCP at all.
# DOTNET_GCgen0size: a 4 MiB gen0 budget instead of one sized from the host CPU's cache, for an enclave's small fixed
# memory (idle RSS −9 MB; the runtime reads this setting only from the environment; the other GC settings are in
# NsmDashboard.Web.csproj). DOTNET_TC_CallCountThreshold: a method is recompiled at tier 1 after 1 000 calls instead
# of 30, so the precompiled (ReadyToRun) code of what runs only now and then is not compiled again (idle RSS −6 MB,
# start and throughput unchanged; a runtime knob outside the documented settings: a runtime without it ignores it).
# Both measured in tests/NsmDashboard.Benchmarks/README.md, "Image and memory".
ENV ASPNETCORE_HTTP_PORTS="" \
    DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 \
    DOTNET_GCgen0size=0x400000 \
    DOTNET_TC_CallCountThreshold=1000
# Chiseled images run as the non-root user `app`; /dev/nsm is mode 0666 on Nitro (docs/nsm-ioctl.md#device), so it
# can open the device.
USER $APP_UID
ENTRYPOINT ["./NsmDashboard.Web"]
# nitro-cli needs a CMD (or ENV) beside ENTRYPOINT to write the enclave's command line; override it to run elsewhere.
CMD ["--vsock-port", "5000", "--Nsm:Mode=device"]
