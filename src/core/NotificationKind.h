#pragma once

// The kinds of tray notification, each with its own switch in Settings.
enum class NotificationKind { TransfersFinished, TransfersFailed, RemoteChanges };

inline constexpr NotificationKind allNotificationKinds[]
    = { NotificationKind::TransfersFinished, NotificationKind::TransfersFailed, NotificationKind::RemoteChanges };
