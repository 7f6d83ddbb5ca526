#pragma once

#include <QString>

// Tool tips show text that looks like markup as markup (Qt::mightBeRichText). Those with names from users and
// servers go through here, so that a name such as "<b>x</b>.pdf" shows as it is written.
namespace ToolTipText {
// The text escaped into a paragraph that keeps its lines, where it could be taken for markup; else the text.
QString fromPlainText(const QString& text);
} // namespace ToolTipText
