namespace GladiaPS.Emulator.PreRecorded
{
    /// <summary>
    /// A file taken by <c>POST /v2/upload</c>: kept on disk as sent (<see cref="Path"/>) and, when it is not a WAV
    /// file, converted by ffmpeg to 16-bit PCM WAV (<see cref="WavPath"/>) for the recogniser.
    /// </summary>
    internal sealed record UploadedAudio(string Id, string Path, string WavPath, string FileName, string Extension, long Size, double Duration, int Channels);
}
