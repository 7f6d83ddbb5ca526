#pragma once

#include "AttachmentRef.h"

#include <QList>
#include <QString>

class QMimeData;

// Attachments on the clipboard or in a drag: the store's own references for drops inside the
// window, and file URLs for the file manager.
namespace AttachmentMimeData {

QString format();
// localPaths may be empty for stores that keep no local file; the file manager then gets nothing to copy.
QMimeData* create(const QList<AttachmentRef>& attachments, const QStringList& localPaths);
bool hasAttachments(const QMimeData* data);
QList<AttachmentRef> attachments(const QMimeData* data);

} // namespace AttachmentMimeData
