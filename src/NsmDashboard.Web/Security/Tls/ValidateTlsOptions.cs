using Microsoft.Extensions.Options;

namespace NsmDashboard.Web.Security.Tls;

/// <summary>Checks <see cref="TlsOptions"/> at startup: one line per problem, naming the setting.</summary>
public sealed class ValidateTlsOptions : IValidateOptions<TlsOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, TlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string Section = TlsOptions.SectionName;

        if (!Enum.IsDefined(options.Mode))
        {
            failures.Add($"{Section}:Mode must be auto, on or off.");
        }

        if (options.HttpsPort is < 0 or > 65535)
        {
            failures.Add($"{Section}:HttpsPort (--https-port) must be a port number from 0 to 65535 (got {options.HttpsPort}).");
        }

        if (options.KeyPath is not null && options.CertificatePath is null)
        {
            failures.Add($"{Section}:KeyPath is set without {Section}:CertificatePath: give the certificate it belongs to.");
        }

        if (options.CertificatePath is not null && options.Names.Count > 0)
        {
            failures.Add($"{Section}:Names applies to a generated certificate; a loaded one ({Section}:CertificatePath) keeps its own names.");
        }

        if (options.ValidityDays is < 1 or > 397)
        {
            failures.Add($"{Section}:ValidityDays must be from 1 to 397 (got {options.ValidityDays}).");
        }

        if (options.Mode == TlsMode.Off && options.HttpsPort is not null)
        {
            failures.Add($"{Section}:Mode is off but {Section}:HttpsPort (--https-port) asks for HTTPS: drop one of them.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
