using Akka.Actor;
using Akka.Event;
using ShowroomActors.Actors.Configuration;

namespace ShowroomActors.Actors.Audit;

/// <summary>Start-up checks of the audit signing key: a file that cannot be used stops start-up, a default one is announced.</summary>
public static class AuditKeyCheck
{
    /// <summary>Loads (or creates) the key file before anything starts; an unusable file is a configuration error.</summary>
    public static void Prepare(ShowroomSettings settings)
    {
        try
        {
            using var key = AuditSigningKey.LoadOrCreate(settings.AuditKeyPath);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new SettingsException($"SHOWROOM_AUDIT_SIGNING_KEY: cannot use {settings.AuditKeyPath} as the audit signing key: {e.Message}");
        }
    }

    /// <summary>Warns when the key is the data folder's default one (and, on PostgreSQL, that every node needs the same).</summary>
    public static void Announce(ActorSystem system, ShowroomSettings settings)
    {
        var guard = AuditGuard.Get(system);
        system.Log.Info("Audit key {KeyFile} (key id {KeyId:x8})", settings.AuditKeyPath, guard.Key.PublicKey.KeyId);
        if (settings.AuditKeyFile is not null) return;
        system.Log.Warning("SHOWROOM_AUDIT_SIGNING_KEY is not set: the audit signing key is {KeyFile}, in the data folder. " +
                           "Anyone who can read that folder can forge seals and checkpoints: keep the key elsewhere and point the variable at it", settings.AuditKeyPath);
        if (settings.UsesPostgres)
            system.Log.Warning("On a cluster every node must use the same audit key file (SHOWROOM_AUDIT_SIGNING_KEY): a node with another key finds the others' events unsealed and quarantines them");
    }
}
