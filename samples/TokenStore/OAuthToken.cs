using System.Text.Json.Serialization;

namespace TokenStoreSample;

/// <summary>An OAuth 2.0 token set as the token endpoint returns it.</summary>
public sealed record OAuthToken(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("refresh_token")] string RefreshToken,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt,
    [property: JsonPropertyName("scope")] string Scope)
{
    /// <summary>True when the token expires within <paramref name="skew"/> of <paramref name="now"/>.</summary>
    public bool ExpiresWithin(TimeSpan skew, DateTimeOffset now) => ExpiresAt - skew <= now;
}

/// <summary>The client's registration with the identity provider.</summary>
public sealed record ClientCredentials(
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("client_secret")] string ClientSecret,
    [property: JsonPropertyName("token_endpoint")] string TokenEndpoint);
