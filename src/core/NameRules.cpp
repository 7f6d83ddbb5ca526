#include "NameRules.h"

#include <QCoreApplication>

namespace NameRules {

namespace {
// One component of a path on every file system Attaché stores to.
constexpr qsizetype maxNameBytes = 255;
} // namespace

QString problem(const QString& name)
{
    if (name.trimmed().isEmpty())
        return QCoreApplication::translate("NameRules", "The name is empty.");
    if (name == QLatin1String(".") || name == QLatin1String(".."))
        return QCoreApplication::translate("NameRules", "“%1” is not a usable name.").arg(name);
    for (QChar c : name) {
        if (c == QLatin1Char('/') || c == QLatin1Char('\\'))
            return QCoreApplication::translate("NameRules", "The name “%1” contains a slash.").arg(name);
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return QCoreApplication::translate("NameRules", "The name “%1” contains a control character.")
                .arg(QString(name).replace(c, QChar::ReplacementCharacter));
    }
    if (name != name.trimmed())
        return QCoreApplication::translate("NameRules", "The name “%1” begins or ends with a space.").arg(name);
    if (name.toUtf8().size() > maxNameBytes)
        return QCoreApplication::translate("NameRules", "The name “%1…” is too long.").arg(name.left(40));
    return {};
}

QString numbered(const QString& name, int n)
{
    // The extension is the part after the last dot, unless the dot starts the name (".env").
    const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
    const QString suffix = QStringLiteral(" (%1)").arg(n);
    if (dot <= 0)
        return name + suffix;
    return name.left(dot) + suffix + name.mid(dot);
}

} // namespace NameRules
