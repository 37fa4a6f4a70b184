"""The staff area under /gestion/: which events each consulate took part in.

`acceso` says who may enter; `paginas` are the HTML pages; `exportacion` serves the
same result as a file; `archivos` writes CSV and XLSX; `grafico` draws the bar charts.
"""
