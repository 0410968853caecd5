// The element tree lives in the core's node folder (the core validates service-specific documents with it
// too, issue #13); the simulator keeps importing it from here.
export { parseXmlTree, XmlTreeError, type XmlEl } from '../core/node/xml-tree';
