#include "NameRules.h"

#include <algorithm>

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
        if (c == QLatin1Char('/'))
            return QCoreApplication::translate("NameRules", "The name “%1” contains a slash.").arg(name);
        // Windows takes it for a separator: a document saved there would land elsewhere.
        if (c == QLatin1Char('\\'))
            return QCoreApplication::translate("NameRules", "The name “%1” contains a backslash.").arg(name);
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

namespace {
// The extension is the part after the last dot, unless the dot starts the name (".env").
qsizetype extensionStart(const QString& name)
{
    const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
    return dot <= 0 ? name.size() : dot;
}
} // namespace

QString numbered(const QString& name, int n)
{
    const qsizetype dot = extensionStart(name);
    return name.left(dot) + QStringLiteral(" (%1)").arg(n) + name.mid(dot);
}

bool isNameOrNumbered(const QString& candidate, const QString& name)
{
    if (candidate.compare(name, Qt::CaseInsensitive) == 0)
        return true;
    const qsizetype dot = extensionStart(name);
    const QString stem = name.left(dot) + QStringLiteral(" (");
    const QString end = QLatin1Char(')') + name.mid(dot);
    if (candidate.size() <= stem.size() + end.size() || !candidate.startsWith(stem, Qt::CaseInsensitive)
        || !candidate.endsWith(end, Qt::CaseInsensitive))
        return false;
    const QString number = candidate.mid(stem.size(), candidate.size() - stem.size() - end.size());
    return !number.startsWith(QLatin1Char('0'))
        && std::all_of(number.begin(), number.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

} // namespace NameRules
