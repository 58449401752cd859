"""From the resolved ``KnowledgeGraph`` to graphs: RDF (``rdf``) and networkx (``network``)."""
