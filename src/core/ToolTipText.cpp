#include "ToolTipText.h"

QString ToolTipText::fromPlainText(const QString& text)
{
    return QStringLiteral("<p style=\"white-space:pre\">") + text.toHtmlEscaped() + QStringLiteral("</p>");
}
