#include "FileIconProvider.h"

#include "FileKind.h"

#include <QFileInfo>

QIcon FileIconProvider::icon(const QString& fileName)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    const auto cached = m_cache.constFind(suffix);
    if (cached != m_cache.cend())
        return *cached;

    const QMimeType mime = m_mimeDatabase.mimeTypeForFile(fileName, QMimeDatabase::MatchExtension);
    QIcon icon = QIcon::fromTheme(mime.iconName());
    if (icon.isNull())
        icon = QIcon::fromTheme(mime.genericIconName());
    if (icon.isNull())
        icon = QIcon(QStringLiteral(":/icons/%1.svg").arg(FileKind::iconName(fileName)));
    m_cache.insert(suffix, icon);
    return icon;
}
