namespace NsmDashboard.Kms.Tests;

public sealed class KeyPolicyParserTests
{
    [Fact]
    public void Statement_may_be_one_object_and_elements_strings()
    {
        var policy = KeyPolicyParser.Parse("""
            {"Statement": {"Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*",
              "Condition": {"StringEqualsIgnoreCase": {"kms:RecipientAttestation:PCR0": "ab"}}}}
            """);

        var statement = Assert.Single(policy.Statements);
        Assert.Null(policy.Version);
        Assert.Equal(PolicyEffect.Allow, statement.Effect);
        Assert.True(statement.Principal!.IsWildcard);
        Assert.Equal(["kms:Decrypt"], statement.Actions);
        Assert.Equal("statement #1", statement.Label);
        var condition = Assert.Single(statement.Conditions);
        Assert.Equal(ConditionOperatorKind.StringEqualsIgnoreCase, condition.Operator.Kind);
        Assert.Equal("kms:RecipientAttestation:PCR0", condition.AttestationKey!.Name);
        Assert.Equal(["ab"], condition.Values);
        Assert.Equal("$.Statement.Condition.StringEqualsIgnoreCase['kms:RecipientAttestation:PCR0']", condition.Path);
    }

    [Fact]
    public void Arrays_NotAction_NotPrincipal_and_scalar_values_are_read()
    {
        var policy = KeyPolicyParser.Parse("""
            {"Version": "2012-10-17", "Id": "k", "Statement": [
              {"Sid": "a", "Effect": "Deny", "NotPrincipal": {"AWS": ["arn:aws:iam::1:role/x", "arn:aws:iam::1:role/y"], "Service": "ec2.amazonaws.com"},
               "NotAction": ["kms:Encrypt", "kms:Describe*"], "NotResource": "arn:aws:kms:*",
               "Condition": {"ForAnyValue:StringLikeIfExists": {"k1": ["a", 1, true]}, "Null": {"k2": false}}}]}
            """);

        var statement = Assert.Single(policy.Statements);
        Assert.Equal("2012-10-17", policy.Version);
        Assert.Equal("\"a\"", statement.Label);
        Assert.True(statement.Principal!.IsNot);
        Assert.Equal(3, statement.Principal.Entries.Count);
        Assert.True(statement.ActionIsNot);
        Assert.True(statement.Covers(KmsOperation.Decrypt));
        Assert.True(statement.ResourceIsNot);
        var like = statement.Conditions[0];
        Assert.Equal(ConditionSetQualifier.ForAnyValue, like.Operator.Set);
        Assert.True(like.Operator.IfExists);
        Assert.Equal(ConditionOperatorKind.StringLike, like.Operator.Kind);
        Assert.Equal(["a", "1", "true"], like.Values);
        Assert.Equal(ConditionOperatorKind.Null, statement.Conditions[1].Operator.Kind);
        Assert.Equal(["false"], statement.Conditions[1].Values);
    }

    [Fact]
    public void A_member_given_twice_is_noted_and_the_last_counts()
    {
        var policy = KeyPolicyParser.Parse("""
            {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "kms:Encrypt", "Action": "kms:Decrypt"}]}
            """);

        Assert.Equal(["kms:Decrypt"], policy.Statements[0].Actions);
        var note = Assert.Single(policy.Notes);
        Assert.Equal("$.Statement[0].Action", note.Path);
    }

    [Theory]
    [InlineData("", "$", "empty")]
    [InlineData("{", "$", "not valid JSON")]
    [InlineData("[]", "$", "a JSON object, not an array")]
    [InlineData("""{"Version": "2012-10-17"}""", "$", "no 'Statement'")]
    [InlineData("""{"Statement": []}""", "$.Statement", "empty")]
    [InlineData("""{"Statement": "x"}""", "$.Statement", "not a string")]
    [InlineData("""{"Statement": [{"Effect": "allow", "Action": "kms:Decrypt"}]}""", "$.Statement[0].Effect", "case-sensitive")]
    [InlineData("""{"Statement": [{"Action": "kms:Decrypt"}]}""", "$.Statement[0]", "no 'Effect'")]
    [InlineData("""{"Statement": [{"Effect": "Allow"}]}""", "$.Statement[0]", "neither 'Action' nor 'NotAction'")]
    [InlineData("""{"Statement": [{"Effect": "Allow", "Action": "a", "NotAction": "b"}]}""", "$.Statement[0]", "not both")]
    [InlineData("""{"Statement": [{"Effect": "Allow", "Action": []}]}""", "$.Statement[0].Action", "empty")]
    [InlineData("""{"Statement": [{"Effect": "Allow", "Action": [1]}]}""", "$.Statement[0].Action[0]", "must be a string")]
    [InlineData("""{"Statement": [{"Effect": "Allow", "Action": "a", "Principal": "me"}]}""", "$.Statement[0].Principal", "must be \"*\"")]
    [InlineData("""{"Statement": [{"Effect": "Allow", "Action": "a", "Principal": {"User": "x"}}]}""", "$.Statement[0].Principal.User", "not a principal type")]
    [InlineData("""{"Statement": [{"Effect": "Allow", "Action": "a", "Condition": []}]}""", "$.Statement[0].Condition", "object of operators")]
    [InlineData("""{"Statement": [{"Effect": "Allow", "Action": "a", "Condition": {"StringEquals": "x"}}]}""", "$.Statement[0].Condition.StringEquals", "maps condition keys")]
    [InlineData("""{"Statement": [{"Effect": "Allow", "Action": "a", "Condition": {"StringEquals": {"k": {}}}}]}""", "$.Statement[0].Condition.StringEquals.k", "string, number or boolean")]
    [InlineData("""{"Statement": [{"Effect": "Allow", "Action": "a", "Condition": {"StringEquals": {"k": []}}}]}""", "$.Statement[0].Condition.StringEquals.k", "empty")]
    [InlineData("""{"Statement": [{"Effect": "Allow", "Action": "a",}]}""", "$", "not valid JSON")]
    [InlineData("""{"Statement": [{"Effect": "Allow", "Action": "a"}]} // comment""", "$", "not valid JSON")]
    public void Invalid_policies_are_typed_errors_with_a_path(string json, string path, string problem)
    {
        var error = Assert.Throws<KeyPolicyFormatException>(() => KeyPolicyParser.Parse(json));

        Assert.Equal(path, error.Path);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Deeply_nested_or_huge_input_is_refused_not_crashed_on()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000);
        Assert.Throws<KeyPolicyFormatException>(() => KeyPolicyParser.Parse(deep));
        var huge = "{\"Statement\": \"" + new string('x', KeyPolicyParser.MaxLength) + "\"}";
        Assert.Contains("at most", Assert.Throws<KeyPolicyFormatException>(() => KeyPolicyParser.Parse(huge)).Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("StringEqualsIgnoreCase", ConditionOperatorKind.StringEqualsIgnoreCase, ConditionSetQualifier.None, false)]
    [InlineData("StringNotEqualsIfExists", ConditionOperatorKind.StringNotEquals, ConditionSetQualifier.None, true)]
    [InlineData("ForAllValues:StringEquals", ConditionOperatorKind.StringEquals, ConditionSetQualifier.ForAllValues, false)]
    [InlineData("ForAnyValue:StringLikeIfExists", ConditionOperatorKind.StringLike, ConditionSetQualifier.ForAnyValue, true)]
    [InlineData("Null", ConditionOperatorKind.Null, ConditionSetQualifier.None, false)]
    [InlineData("NullIfExists", ConditionOperatorKind.Unknown, ConditionSetQualifier.None, true)]
    [InlineData("NumericEquals", ConditionOperatorKind.OtherType, ConditionSetQualifier.None, false)]
    [InlineData("ArnLikeIfExists", ConditionOperatorKind.OtherType, ConditionSetQualifier.None, true)]
    [InlineData("StringEqual", ConditionOperatorKind.Unknown, ConditionSetQualifier.None, false)]
    public void Operators_are_split_into_qualifier_base_and_suffix(string written, ConditionOperatorKind kind, ConditionSetQualifier set, bool ifExists)
    {
        var op = ConditionOperator.Parse(written);

        Assert.Equal(kind, op.Kind);
        Assert.Equal(set, op.Set);
        Assert.Equal(ifExists, op.IfExists);
    }
}
