using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace NsmDashboard.Web.Hosting.Api;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c>: title, the problem shape with its extensions, typed PCR indices.</summary>
internal static class ApiOpenApi
{
    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "NsmDashboard API";
            document.Info.Description =
                "The AWS Nitro Secure Module (or its emulator) over HTTP: DescribeNSM, PCRs (read, extend, lock), attestation "
                + "documents (request, verify), GetRandom, health and metrics; the PCR event log with replay, and expected measurement sets. Errors are application/problem+json with an "
                + "errorCode member: the NSM ErrorCode (InvalidIndex 404, ReadOnlyIndex 409, InputTooLarge 413, InvalidArgument 400) "
                + "or, for a device that cannot be reached, 503 with the errno.";
            return Task.CompletedTask;
        });

        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonTypeInfo.Type == typeof(ProblemDetails))
            {
                schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
                schema.Properties[ApiProblems.ErrorCodeKey] = Text("The NSM ErrorCode (InvalidIndex, ReadOnlyIndex, InputTooLarge, InvalidArgument, InternalError, …) or NotFound, MethodNotAllowed, UnsupportedMediaType, CrossSiteRequest.");
                schema.Properties["errno"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "Device failures: the errno of the failed system call (0 when refused before any call)." };
                schema.Properties["errnoName"] = Text("Device failures: the errno's name (ENOENT, EMSGSIZE, …).");
                schema.Properties["operation"] = Text("Device failures: the system call that failed (open, ioctl).");
                schema.Properties["offset"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "Protocol errors: the byte offset in the NSM's answer." };
            }

            return Task.CompletedTask;
        });

        // Route indices are bound as text so that "abc" (400) and 70000 (404) get problems of their own; the
        // document still says what they are.
        options.AddOperationTransformer((operation, _, _) =>
        {
            foreach (var parameter in operation.Parameters ?? [])
            {
                if (parameter is OpenApiParameter { In: ParameterLocation.Path, Name: "index" } index)
                {
                    index.Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "0", Maximum = "65535" };
                    index.Description = "The PCR index: 0 to max_pcrs − 1 (0–31 on Nitro).";
                }
            }

            return Task.CompletedTask;
        });
    }

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };
}
