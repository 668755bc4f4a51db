namespace GladiaPS.Core.Messages
{
    /// <summary>
    /// A lifecycle event (§6.4): <c>start_session</c>, <c>start_recording</c>, <c>end_recording</c> or
    /// <c>end_session</c>. Only <c>end_recording</c> carries data.
    /// </summary>
    public abstract class LifecycleMessage : LiveMessage
    {
    }
}
