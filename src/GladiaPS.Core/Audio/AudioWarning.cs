namespace GladiaPS.Core.Audio
{
    /// <summary>Something odd about an input that does not stop it being read (a truncated data chunk, a wrong
    /// byte rate, a partial last frame…). Readers collect these and pass each one to an optional callback.</summary>
    public sealed class AudioWarning
    {
        public AudioWarning(string? sourceName, string message)
        {
            SourceName = sourceName;
            Message = message;
        }

        public string? SourceName { get; }

        public string Message { get; }

        public override string ToString() => string.IsNullOrEmpty(SourceName) ? Message : $"'{SourceName}': {Message}";
    }
}
