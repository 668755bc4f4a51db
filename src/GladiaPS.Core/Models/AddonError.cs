using System.Text.Json;

namespace GladiaPS.Core.Models
{
    /// <summary>Why an add-on failed (§9.4): <c>{status_code, exception, message}</c>; messages carry only <c>message</c>.</summary>
    public sealed class AddonError
    {
        public int? StatusCode { get; internal set; }

        public string? Exception { get; internal set; }

        public string Message { get; internal set; } = string.Empty;

        public override string ToString() => StatusCode is null ? Message : StatusCode + ": " + Message;

        /// <summary>Reads an error object; a bare string is taken as the message. Null for null or absent.</summary>
        internal static AddonError? FromJson(JsonElement? element)
        {
            if (element is not { } value)
            {
                return null;
            }

            if (value.ValueKind == JsonValueKind.String)
            {
                return new AddonError { Message = value.GetString() ?? string.Empty };
            }

            if (value.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return new AddonError
            {
                StatusCode = TolerantJson.GetInt32(value, "status_code") ?? TolerantJson.GetInt32(value, "statusCode"),
                Exception = TolerantJson.GetString(value, "exception"),
                Message = TolerantJson.GetString(value, "message") ?? value.GetRawText(),
            };
        }

        internal static AddonError? FromProperty(JsonElement parent, string name) =>
            TolerantJson.TryGetProperty(parent, name, out var value) ? FromJson(value) : null;
    }
}
