// Indented elements, escaped text and CDATA sections for generated responses.
#include "xml_writer.hpp"

#include "core/xml_escape.hpp"

namespace qvm::sim {

void append_cdata(std::string& out, std::string_view text) {
  out += "<![CDATA[";
  for (;;) {
    auto end = text.find("]]>");
    if (end == std::string_view::npos) break;
    out.append(text.substr(0, end + 2));
    out += "]]><![CDATA[";
    text.remove_prefix(end + 2);
  }
  out.append(text);
  out += "]]>";
}

void XmlWriter::indent() {
  out_ += '\n';
  out_.append(static_cast<size_t>(depth_) * 2, ' ');
}

void XmlWriter::open(std::string_view name) {
  indent();
  out_ += '<';
  out_ += name;
  out_ += '>';
  ++depth_;
}

void XmlWriter::open(std::string_view name, std::string_view attributes) {
  indent();
  out_ += '<';
  out_ += name;
  out_ += ' ';
  out_ += attributes;
  out_ += '>';
  ++depth_;
}

void XmlWriter::close(std::string_view name) {
  --depth_;
  indent();
  out_ += "</";
  out_ += name;
  out_ += '>';
}

void XmlWriter::empty(std::string_view name) {
  indent();
  out_ += '<';
  out_ += name;
  out_ += "/>";
}

void XmlWriter::text(std::string_view name, std::string_view value) {
  indent();
  out_ += '<';
  out_ += name;
  out_ += '>';
  core::append_xml_escaped(out_, value, core::Apostrophe::kEscape);
  out_ += "</";
  out_ += name;
  out_ += '>';
}

void XmlWriter::text(std::string_view name, std::int64_t value) {
  text(name, std::string_view(std::to_string(value)));
}

void XmlWriter::text(std::string_view name, Timestamp value) {
  text(name, std::string_view(format_timestamp(value)));
}

void XmlWriter::cdata(std::string_view name, std::string_view value) {
  indent();
  out_ += '<';
  out_ += name;
  out_ += '>';
  append_cdata(out_, value);
  out_ += "</";
  out_ += name;
  out_ += '>';
}

void XmlWriter::cdata(std::string_view name, std::string_view attributes, std::string_view value) {
  indent();
  out_ += '<';
  out_ += name;
  out_ += ' ';
  out_ += attributes;
  out_ += '>';
  append_cdata(out_, value);
  out_ += "</";
  out_ += name;
  out_ += '>';
}

void XmlWriter::comment(std::string_view body) {
  out_ += "\n<!-- ";
  out_ += body;
  out_ += " -->";
}

}  // namespace qvm::sim
