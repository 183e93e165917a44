/*
 * Skip rules (XLSForm `relevant` display conditions) for the browser's live view.
 *
 * The same grammar and semantics as the server's KioskCore/Rules, held to the same vectors
 * (Tests/Vectors/rules.json): XPath 1.0 without location paths, plus ODK's functions, where
 * ${NAME} is the current answer of an earlier item.
 *
 *   var rule = KioskRules.parse("${SQ05} = 2 and selected(${SQ07}, '4')");
 *   KioskRules.referencedNames(rule);                      // ["SQ05", "SQ07"]
 *   KioskRules.evaluate(rule, { SQ05: 2, SQ07: [1, 4] });  // true
 *
 * Answers: null, undefined or '' (unanswered), a number, a string, or an array of option codes
 * (multiple choice). A rule reads each answer as XForms stores it, as text: a number in XPath's
 * notation, a multiple-choice answer as its codes separated by spaces ("1 4").
 *
 * ES2017 at most: it runs in Chromium 69.
 */
(function (root) {
  'use strict';

  // ---- Functions and syntax errors ---------------------------------------------------------

  var FUNCTION_ARITY = {
    'selected': [2, 2],
    'count-selected': [1, 1],
    'not': [1, 1],
    'true': [0, 0],
    'false': [0, 0],
    'boolean': [1, 1],
    'number': [1, 1],
    'string': [1, 1],
    'string-length': [1, 1],
    'concat': [1, Infinity],
    'contains': [2, 2],
    'starts-with': [2, 2],
    'if': [3, 3],
    'coalesce': [2, 2],
    'int': [1, 1],
    'round': [1, 1],
    'floor': [1, 1],
    'ceiling': [1, 1],
    'abs': [1, 1]
  };

  // Rule text quoted for an English message: in single quotes, or double when it holds one.
  function quoted(text) {
    return text.indexOf("'") >= 0 ? '"' + text + '"' : "'" + text + "'";
  }

  function codePointLabel(character) {
    var hex = character.codePointAt(0).toString(16).toUpperCase();
    while (hex.length < 4) { hex = '0' + hex; }
    return 'U+' + hex;
  }

  function isFullWidthPunctuation(character) {
    var value = character.codePointAt(0);
    return (value >= 0xFF01 && value <= 0xFF5E) || (value >= 0x3000 && value <= 0x3002) ||
      (value >= 0x2018 && value <= 0x201D);
  }

  function expectedArguments(name, language) {
    var arity = FUNCTION_ARITY[name];
    if (arity[1] === Infinity) {
      return language === 'zh' ? '至少需要 ' + arity[0] + ' 个参数'
        : 'at least ' + arity[0] + (arity[0] === 1 ? ' argument' : ' arguments');
    }
    return language === 'zh' ? '需要 ' + arity[0] + ' 个参数' : arity[0] + (arity[0] === 1 ? ' argument' : ' arguments');
  }

  // Messages by code: [zh-CN, en], each a function of the error's detail.
  var MESSAGES = {
    empty_rule: [
      function () { return '规则为空'; },
      function () { return 'the rule is empty'; }],
    unexpected_character: [
      function (d) {
        return '无法识别的字符“' + d.text + '”（' + codePointLabel(d.text) + '）' +
          (isFullWidthPunctuation(d.text) ? '，请改用半角（英文）符号' : '');
      },
      function (d) {
        return 'unexpected character ' + quoted(d.text) + ' (' + codePointLabel(d.text) + ')' +
          (isFullWidthPunctuation(d.text) ? '; type it in half-width (ASCII) form' : '');
      }],
    unterminated_string: [
      function () { return '文字缺少结尾的引号'; },
      function () { return 'the quoted text is never closed'; }],
    unterminated_reference: [
      function () { return '“${”缺少结尾的“}”'; },
      function () { return "'${' is never closed with '}'"; }],
    invalid_reference_name: [
      function (d) { return '“${' + d.text + '}”中的题目名无效：题目名只能由字母、数字和下划线组成，并以字母开头'; },
      function (d) {
        return quoted('${' + d.text + '}') + " does not name an item: names use letters, digits and '_', starting with a letter";
      }],
    unsupported_path: [
      function (d) { return '不支持 XPath 路径写法“' + d.text + '”：引用题目的答案请写 ${题目名}'; },
      function (d) { return 'XPath paths such as ' + quoted(d.text) + " are not supported: refer to an item's answer as ${NAME}"; }],
    bare_name: [
      function (d) {
        return '“' + d.text + '”既不是函数也不是文字：引用题目的答案请写 ${' + d.text + '}，文字请加引号 \'' + d.text + "'";
      },
      function (d) {
        return quoted(d.text) + ' is neither a function call nor text: write ${' + d.text + "} for an item's answer or '" +
          d.text + "' for text";
      }],
    missing_operand: [
      function (d) {
        return d.text === null ? '规则不完整：结尾处缺少数值、文字、${题目名}或函数'
          : '此处应为数值、文字、${题目名}或函数，而不是“' + d.text + '”';
      },
      function (d) {
        return d.text === null ? 'the rule ends where a number, quoted text, ${NAME} or function call was expected'
          : 'expected a number, quoted text, ${NAME} or function call, found ' + quoted(d.text);
      }],
    missing_operator: [
      function (d) { return '“' + d.text + '”前缺少运算符（如 and、or、=、+）'; },
      function (d) { return 'expected an operator (such as and, or, =, +) before ' + quoted(d.text); }],
    unexpected_token: [
      function (d) { return '此处不应出现“' + d.text + '”'; },
      function (d) { return 'unexpected ' + quoted(d.text); }],
    unmatched_closing_parenthesis: [
      function () { return '多余的右括号“)”：前面没有对应的“(”'; },
      function () { return "')' has no matching '('"; }],
    unclosed_parenthesis: [
      function () { return '括号“(”没有闭合'; },
      function () { return "'(' is never closed"; }],
    missing_argument_separator: [
      function (d) { return '函数参数之间应为“,”，参数结束应为“)”，而不是“' + d.text + '”'; },
      function (d) { return "expected ',' between arguments or ')' after them, found " + quoted(d.text); }],
    unknown_function: [
      function (d) { return '未知函数“' + d.text + '()”'; },
      function (d) { return 'unknown function ' + quoted(d.text + '()'); }],
    wrong_argument_count: [
      function (d) { return '函数 ' + d.text + '() ' + expectedArguments(d.text, 'zh') + '，实际为 ' + d.found + ' 个'; },
      function (d) { return d.text + '() takes ' + expectedArguments(d.text, 'en') + ', found ' + d.found; }]
  };

  /**
   * Why a rule could not be read: `code` (stable, shared with the server), `offset` (characters,
   * i.e. Unicode code points, from the start of the rule) and `messages` in zh-CN and en.
   */
  class RuleSyntaxError extends Error {
    constructor(code, offset, detail) {
      var fullDetail = detail || {};
      var messages = {
        'zh-CN': MESSAGES[code][0](fullDetail),
        'en': MESSAGES[code][1](fullDetail)
      };
      super(messages.en + ' (at character ' + offset + ')');
      this.name = 'RuleSyntaxError';
      this.code = code;
      this.offset = offset;
      this.messages = messages;
    }
  }

  // ---- Lexer (XPath 1.0 section 3.7) ----------------------------------------------------------

  var BINARY_PRECEDENCE = {
    'or': 1, 'and': 2, '=': 3, '!=': 3, '<': 4, '<=': 4, '>': 4, '>=': 4,
    '+': 5, '-': 5, '*': 6, 'div': 6, 'mod': 6
  };
  var OPERATOR_NAMES = { 'and': true, 'or': true, 'div': true, 'mod': true };

  function isXPathWhitespace(c) { return c === ' ' || c === '\t' || c === '\r' || c === '\n'; }
  function isDigit(c) { return c !== undefined && c >= '0' && c <= '9'; }
  function isASCIILetter(c) { return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')); }
  function isNameStart(c) { return isASCIILetter(c) || c === '_'; }
  function isNameCharacter(c) { return isNameStart(c) || isDigit(c) || c === '-' || c === '.'; }

  function Lexer(source) {
    this.chars = Array.from(source);
    this.position = 0;
    this.previousEndsOperand = false;
  }

  Lexer.prototype.text = function (start) {
    return this.chars.slice(start, this.position).join('');
  };

  Lexer.prototype.consume = function (expected) {
    if (this.chars[this.position] !== expected) { return false; }
    this.position += 1;
    return true;
  };

  Lexer.prototype.nextNonWhitespace = function (index) {
    while (index < this.chars.length && isXPathWhitespace(this.chars[index])) { index += 1; }
    return this.chars[index];
  };

  Lexer.prototype.next = function () {
    while (this.position < this.chars.length && isXPathWhitespace(this.chars[this.position])) {
      this.position += 1;
    }
    var start = this.position;
    var token = this.readToken(start);
    token.text = this.text(start);
    token.offset = start;
    this.previousEndsOperand = token.type === 'number' || token.type === 'string' ||
      token.type === 'reference' || token.type === ')';
    return token;
  };

  Lexer.prototype.readToken = function (start) {
    var c = this.chars[this.position];
    if (c === undefined) { return { type: 'end' }; }
    this.position += 1;
    switch (c) {
      case '(': case ')': case ',': case '=': case '+': case '-':
        return c === '(' || c === ')' || c === ',' ? { type: c } : { type: 'operator', operator: c };
      case '<': case '>':
        return { type: 'operator', operator: this.consume('=') ? c + '=' : c };
      case '!':
        if (!this.consume('=')) { throw new RuleSyntaxError('unexpected_character', start, { text: c }); }
        return { type: 'operator', operator: '!=' };
      case '*':
        if (!this.previousEndsOperand) { throw new RuleSyntaxError('unsupported_path', start, { text: '*' }); }
        return { type: 'operator', operator: '*' };
      case "'": case '"':
        return this.readString(c, start);
      case '$':
        return this.readReference(start);
      case '.':
        if (isDigit(this.chars[this.position])) { return this.readNumber(start); }
        this.consume('.');
        throw new RuleSyntaxError('unsupported_path', start, { text: this.text(start) });
      case '/':
        this.consume('/');
        throw new RuleSyntaxError('unsupported_path', start, { text: this.text(start) });
      case '@': case '[': case ']': case '|':
        throw new RuleSyntaxError('unsupported_path', start, { text: c });
      default:
        if (isDigit(c)) { return this.readNumber(start); }
        if (isNameStart(c)) { return this.readName(start); }
        throw new RuleSyntaxError('unexpected_character', start, { text: c });
    }
  };

  Lexer.prototype.readString = function (quote, start) {
    var closing = this.chars.indexOf(quote, this.position);
    if (closing < 0) { throw new RuleSyntaxError('unterminated_string', start); }
    var value = this.chars.slice(this.position, closing).join('');
    this.position = closing + 1;
    return { type: 'string', value: value };
  };

  Lexer.prototype.readReference = function (start) {
    if (!this.consume('{')) {
      while (isNameCharacter(this.chars[this.position])) { this.position += 1; }
      throw new RuleSyntaxError('unsupported_path', start, { text: this.text(start) });
    }
    var closing = this.position;
    while (closing < this.chars.length && this.chars[closing] !== '}' && this.chars[closing] !== '$') {
      closing += 1;
    }
    if (this.chars[closing] !== '}') { throw new RuleSyntaxError('unterminated_reference', start); }
    var name = this.chars.slice(this.position, closing).join('');
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) {
      throw new RuleSyntaxError('invalid_reference_name', this.position, { text: name });
    }
    this.position = closing + 1;
    return { type: 'reference', name: name };
  };

  Lexer.prototype.readNumber = function (start) {
    while (isDigit(this.chars[this.position])) { this.position += 1; }
    if (this.consume('.')) {
      while (isDigit(this.chars[this.position])) { this.position += 1; }
    }
    return { type: 'number', value: stringToNumber(this.text(start)) };
  };

  Lexer.prototype.readName = function (start) {
    while (isNameCharacter(this.chars[this.position])) { this.position += 1; }
    if (this.chars[this.position] === ':' && isNameStart(this.chars[this.position + 1])) {
      this.position += 1;
      while (isNameCharacter(this.chars[this.position])) { this.position += 1; }
    }
    var name = this.text(start);
    var isOperatorName = OPERATOR_NAMES.hasOwnProperty(name);
    if (this.previousEndsOperand) {
      if (!isOperatorName) { throw new RuleSyntaxError('missing_operator', start, { text: name }); }
      return { type: 'operator', operator: name };
    }
    if (this.nextNonWhitespace(this.position) === '(') { return { type: 'function', name: name }; }
    if (isOperatorName) { throw new RuleSyntaxError('missing_operand', start, { text: name }); }
    throw new RuleSyntaxError('bare_name', start, { text: name });
  };

  // ---- Parser: precedence climbing, every level left-associative ------------------------------

  function Parser(source) {
    this.lexer = new Lexer(source);
    this.current = this.lexer.next();
  }

  Parser.prototype.advance = function () {
    this.current = this.lexer.next();
  };

  Parser.prototype.parseRule = function () {
    if (this.current.type === 'end') { throw new RuleSyntaxError('empty_rule', 0); }
    var expression = this.parseExpression(0);
    switch (this.current.type) {
      case 'end':
        return expression;
      case ')':
        throw new RuleSyntaxError('unmatched_closing_parenthesis', this.current.offset);
      case ',':
        throw new RuleSyntaxError('unexpected_token', this.current.offset, { text: this.current.text });
      default:
        throw new RuleSyntaxError('missing_operator', this.current.offset, { text: this.current.text });
    }
  };

  Parser.prototype.parseExpression = function (minimumPrecedence) {
    var left = this.parseUnary();
    while (this.current.type === 'operator' && BINARY_PRECEDENCE[this.current.operator] >= minimumPrecedence) {
      var operator = this.current.operator;
      this.advance();
      var right = this.parseExpression(BINARY_PRECEDENCE[operator] + 1);
      left = { type: 'binary', operator: operator, left: left, right: right };
    }
    return left;
  };

  Parser.prototype.parseUnary = function () {
    if (this.current.type === 'operator' && this.current.operator === '-') {
      this.advance();
      return { type: 'negation', operand: this.parseUnary() };
    }
    return this.parsePrimary();
  };

  Parser.prototype.parsePrimary = function () {
    var token = this.current;
    switch (token.type) {
      case 'number':
        this.advance();
        return { type: 'number', value: token.value };
      case 'string':
        this.advance();
        return { type: 'string', value: token.value };
      case 'reference':
        this.advance();
        return { type: 'reference', name: token.name };
      case '(':
        this.advance();
        var inner = this.parseExpression(0);
        this.expectClosingParenthesis(token.offset);
        return inner;
      case 'function':
        return this.parseCall(token);
      case 'end':
        throw new RuleSyntaxError('missing_operand', token.offset, { text: null });
      default:
        throw new RuleSyntaxError('missing_operand', token.offset, { text: token.text });
    }
  };

  Parser.prototype.parseCall = function (nameToken) {
    var name = nameToken.name;
    if (!FUNCTION_ARITY.hasOwnProperty(name)) {
      throw new RuleSyntaxError('unknown_function', nameToken.offset, { text: name });
    }
    this.advance();
    var openingOffset = this.current.offset;
    this.advance();
    var args = [];
    if (this.current.type !== ')') {
      args.push(this.parseExpression(0));
      while (this.current.type === ',') {
        this.advance();
        args.push(this.parseExpression(0));
      }
    }
    if (this.current.type === 'end') { throw new RuleSyntaxError('unclosed_parenthesis', openingOffset); }
    if (this.current.type !== ')') {
      throw new RuleSyntaxError('missing_argument_separator', this.current.offset, { text: this.current.text });
    }
    this.advance();
    var arity = FUNCTION_ARITY[name];
    if (args.length < arity[0] || args.length > arity[1]) {
      throw new RuleSyntaxError('wrong_argument_count', nameToken.offset, { text: name, found: args.length });
    }
    return { type: 'call', name: name, args: args };
  };

  Parser.prototype.expectClosingParenthesis = function (openingOffset) {
    switch (this.current.type) {
      case ')':
        this.advance();
        return;
      case 'end':
        throw new RuleSyntaxError('unclosed_parenthesis', openingOffset);
      case ',':
        throw new RuleSyntaxError('unexpected_token', this.current.offset, { text: this.current.text });
      default:
        throw new RuleSyntaxError('missing_operator', this.current.offset, { text: this.current.text });
    }
  };

  // ---- XPath values: numbers, strings, booleans and their conversions (sections 3.4, 4.2-4.4) ----

  // number() of a string: optional whitespace, optional '-', digits with at most one '.', optional
  // whitespace. Anything else, '' included, is NaN: no '+', no exponent, no 'Infinity'.
  var XPATH_NUMBER = /^[ \t\r\n]*(-?)([0-9]*)(?:\.([0-9]*))?[ \t\r\n]*$/;

  function stringToNumber(text) {
    var match = XPATH_NUMBER.exec(text);
    if (match === null || (match[2] === '' && (match[3] === undefined || match[3] === ''))) { return NaN; }
    return Number(match[1] + (match[2] || '0') + '.' + (match[3] || '0'));
  }

  // string() of a number: integers without a decimal point, plain decimals with the shortest
  // round-trip digits, never exponent notation.
  function numberToString(value) {
    if (value !== value) { return 'NaN'; }
    if (value === Infinity) { return 'Infinity'; }
    if (value === -Infinity) { return '-Infinity'; }
    if (value === 0) { return '0'; }
    var shortest = String(Math.abs(value));
    var parts = shortest.split('e');
    var mantissa = parts[0];
    var exponent = parts.length > 1 ? parseInt(parts[1], 10) : 0;
    var point = mantissa.indexOf('.');
    if (point < 0) { point = mantissa.length; }
    var digits = mantissa.slice(0, point) + mantissa.slice(point + 1);
    var pointPosition = point + exponent;
    while (digits.charAt(0) === '0') {
      digits = digits.slice(1);
      pointPosition -= 1;
    }
    digits = digits.replace(/0+$/, '');
    var plain;
    if (pointPosition <= 0) {
      plain = '0.' + '0'.repeat(-pointPosition) + digits;
    } else if (pointPosition >= digits.length) {
      plain = digits + '0'.repeat(pointPosition - digits.length);
    } else {
      plain = digits.slice(0, pointPosition) + '.' + digits.slice(pointPosition);
    }
    return value < 0 ? '-' + plain : plain;
  }

  function xpathBoolean(value) {
    if (typeof value === 'boolean') { return value; }
    if (typeof value === 'number') { return !(value === 0 || value !== value); }
    return value.length > 0;
  }

  function xpathNumber(value) {
    if (typeof value === 'number') { return value; }
    if (typeof value === 'boolean') { return value ? 1 : 0; }
    return stringToNumber(value);
  }

  function xpathString(value) {
    if (typeof value === 'string') { return value; }
    if (typeof value === 'number') { return numberToString(value); }
    return value ? 'true' : 'false';
  }

  // '=' between non-node-sets: as booleans if either is one, else as numbers if either is one,
  // else as strings (code point by code point, as JavaScript compares them).
  function equal(left, right) {
    if (typeof left === 'boolean' || typeof right === 'boolean') { return xpathBoolean(left) === xpathBoolean(right); }
    if (typeof left === 'number' || typeof right === 'number') { return xpathNumber(left) === xpathNumber(right); }
    return left === right;
  }

  // The answer's string-value, as XForms stores it.
  function answerToString(answer) {
    if (answer === null || answer === undefined) { return ''; }
    if (Array.isArray(answer)) { return answer.map(function (code) { return xpathString(code); }).join(' '); }
    return xpathString(answer);
  }

  function selectionCodes(text) {
    return text.split(/[ \t\r\n]+/).filter(function (code) { return code !== ''; });
  }

  // round(): nearest integer, halves toward +Infinity, -0 from -0.5 up to zero.
  function xpathRound(value) {
    if (!isFinite(value) || value === 0) { return value; }
    if (value < 0 && value >= -0.5) { return -0; }
    var down = Math.floor(value);
    return value - down >= 0.5 ? down + 1 : down;
  }

  // ---- Evaluation ----------------------------------------------------------------------------

  function evaluateNode(node, answer) {
    switch (node.type) {
      case 'number': case 'string':
        return node.value;
      case 'reference':
        return answerToString(answer(node.name));
      case 'negation':
        return -xpathNumber(evaluateNode(node.operand, answer));
      case 'binary':
        return applyOperator(node, answer);
      case 'call':
        return applyFunction(node.name, node.args, answer);
    }
    throw new TypeError('not a rule node: ' + node.type);
  }

  function applyOperator(node, answer) {
    var operator = node.operator;
    if (operator === 'or') { return xpathBoolean(evaluateNode(node.left, answer)) || xpathBoolean(evaluateNode(node.right, answer)); }
    if (operator === 'and') { return xpathBoolean(evaluateNode(node.left, answer)) && xpathBoolean(evaluateNode(node.right, answer)); }
    var left = evaluateNode(node.left, answer);
    var right = evaluateNode(node.right, answer);
    switch (operator) {
      case '=': return equal(left, right);
      case '!=': return !equal(left, right);
    }
    var x = xpathNumber(left);
    var y = xpathNumber(right);
    switch (operator) {
      case '<': return x < y;
      case '<=': return x <= y;
      case '>': return x > y;
      case '>=': return x >= y;
      case '+': return x + y;
      case '-': return x - y;
      case '*': return x * y;
      case 'div': return x / y;
      case 'mod': return x % y;
    }
    throw new TypeError('not an operator: ' + operator);
  }

  function applyFunction(name, args, answer) {
    function argument(index) { return evaluateNode(args[index], answer); }
    switch (name) {
      case 'selected':
        return selectionCodes(xpathString(argument(0))).indexOf(xpathString(argument(1))) >= 0;
      case 'count-selected': return selectionCodes(xpathString(argument(0))).length;
      case 'not': return !xpathBoolean(argument(0));
      case 'true': return true;
      case 'false': return false;
      case 'boolean': return xpathBoolean(argument(0));
      case 'number': return xpathNumber(argument(0));
      case 'string': return xpathString(argument(0));
      case 'string-length': return Array.from(xpathString(argument(0))).length;
      case 'concat': return args.map(function (arg) { return xpathString(evaluateNode(arg, answer)); }).join('');
      case 'contains': return xpathString(argument(0)).indexOf(xpathString(argument(1))) >= 0;
      case 'starts-with': return xpathString(argument(0)).indexOf(xpathString(argument(1))) === 0;
      case 'if': return xpathBoolean(argument(0)) ? argument(1) : argument(2);
      case 'coalesce':
        var first = argument(0);
        return xpathString(first) === '' ? argument(1) : first;
      case 'int': return Math.trunc(xpathNumber(argument(0)));
      case 'round': return xpathRound(xpathNumber(argument(0)));
      case 'floor': return Math.floor(xpathNumber(argument(0)));
      case 'ceiling': return Math.ceil(xpathNumber(argument(0)));
      case 'abs': return Math.abs(xpathNumber(argument(0)));
    }
    throw new TypeError('not a function: ' + name);
  }

  // ---- Public interface ----------------------------------------------------------------------

  /** Parses a rule into a tree of plain objects, or throws a RuleSyntaxError. */
  function parse(source) {
    return new Parser(String(source)).parseRule();
  }

  function asTree(rule) {
    return typeof rule === 'string' ? parse(rule) : rule;
  }

  /**
   * Whether the rule (its text or its parsed tree) holds: the XPath boolean() of its value.
   * `answers` is an object keyed by item name or a function from a name to its answer; a name
   * without an answer reads as unanswered.
   */
  function evaluate(rule, answers) {
    var lookup = typeof answers === 'function' ? answers : function (name) {
      return answers && Object.prototype.hasOwnProperty.call(answers, name) ? answers[name] : null;
    };
    return xpathBoolean(evaluateNode(asTree(rule), lookup));
  }

  /** The ${NAME}s a rule reads, each once, in order of first appearance. */
  function referencedNames(rule) {
    var names = [];
    (function collect(node) {
      switch (node.type) {
        case 'reference':
          if (names.indexOf(node.name) < 0) { names.push(node.name); }
          return;
        case 'negation':
          collect(node.operand);
          return;
        case 'binary':
          collect(node.left);
          collect(node.right);
          return;
        case 'call':
          node.args.forEach(collect);
          return;
      }
    })(asTree(rule));
    return names;
  }

  var KioskRules = {
    parse: parse,
    evaluate: evaluate,
    referencedNames: referencedNames,
    RuleSyntaxError: RuleSyntaxError
  };

  root.KioskRules = KioskRules;
  if (typeof module !== 'undefined' && module.exports) { module.exports = KioskRules; }
})(typeof window !== 'undefined' ? window : this);
